package com.aifinance.gateway.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.aifinance.common.security.Caller;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Classifies a request path. Matching runs on the decoded path (the same {@link PathContainer} the routes match),
 * so {@code %61pi} is {@code api}. Protected paths match whatever the case, so {@code /API/…} needs a token too;
 * public paths must match exactly, so a case variant is never a way around the token check.
 */
final class AccessPolicy {

    private final List<PathPattern> protectedPaths;
    private final Map<String, List<PathPattern>> publicGroups = new LinkedHashMap<>();
    private final List<CompiledRoleRule> roleRules = new ArrayList<>();

    AccessPolicy(AccessProperties properties) {
        PathPatternParser anyCase = new PathPatternParser();
        anyCase.setCaseSensitive(false);
        PathPatternParser exact = new PathPatternParser();
        this.protectedPaths = properties.protectedPaths().stream().map(anyCase::parse).toList();
        properties.publicApi().forEach((group, paths) ->
                publicGroups.put(group, paths.stream().map(exact::parse).toList()));
        properties.roleRules().forEach(rule -> roleRules.add(new CompiledRoleRule(
                rule.paths().stream().map(anyCase::parse).toList(), Set.copyOf(rule.roles()))));
    }

    record Classification(RequestAccess.Kind kind, String publicGroup) {
    }

    Classification classify(PathContainer path) {
        if (protectedPaths.stream().noneMatch(pattern -> pattern.matches(path))) {
            return new Classification(RequestAccess.Kind.PASS_THROUGH, null);
        }
        for (Map.Entry<String, List<PathPattern>> group : publicGroups.entrySet()) {
            if (group.getValue().stream().anyMatch(pattern -> pattern.matches(path))) {
                return new Classification(RequestAccess.Kind.PUBLIC_API, group.getKey());
            }
        }
        return new Classification(RequestAccess.Kind.PROTECTED_API, null);
    }

    /** The roles one of which the caller lacks for this path, if any rule refuses it. */
    Optional<Set<String>> missingRole(PathContainer path, Caller caller) {
        for (CompiledRoleRule rule : roleRules) {
            if (rule.paths().stream().anyMatch(pattern -> pattern.matches(path))
                    && caller.roles().stream().noneMatch(rule.roles()::contains)) {
                return Optional.of(rule.roles());
            }
        }
        return Optional.empty();
    }

    private record CompiledRoleRule(List<PathPattern> paths, Set<String> roles) {
    }
}
