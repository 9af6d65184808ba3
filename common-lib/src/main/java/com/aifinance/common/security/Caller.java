package com.aifinance.common.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the verified access token says: the platform's claims {@code sub}, {@code tier}, {@code org},
 * {@code roles} and {@code scope}.
 *
 * @param tier         {@code none}, {@code basic}, {@code pro}, {@code enterprise} or {@code institutional}
 * @param organisation the organisation id, or null for an individual subscriber
 */
public record Caller(String subject, String tier, String organisation, Set<String> roles, Set<String> scopes) {

    public static final String TIER_CLAIM = "tier";
    public static final String ORGANISATION_CLAIM = "org";
    public static final String ROLES_CLAIM = "roles";

    public static Caller of(Jwt token) {
        String tier = Optional.ofNullable(token.getClaimAsString(TIER_CLAIM)).orElse("none");
        return new Caller(token.getSubject(), tier.toLowerCase(Locale.ROOT), token.getClaimAsString(ORGANISATION_CLAIM),
                Set.copyOf(Optional.ofNullable(token.getClaimAsStringList(ROLES_CLAIM)).orElse(List.of())),
                scopesOf(token));
    }

    /** The caller of the current request, when it carried a verified token. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return Optional.of(of(jwt.getToken()));
        }
        return Optional.empty();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * The authorities Spring Security checks: {@code ROLE_<ROLE>} per role, {@code SCOPE_<scope>} per scope and
     * {@code TIER_<TIER>} for the tier.
     */
    public Collection<GrantedAuthority> authorities() {
        return Stream.concat(Stream.concat(
                                roles.stream().map(role -> "ROLE_" + role.toUpperCase(Locale.ROOT)),
                                scopes.stream().map(scope -> "SCOPE_" + scope)),
                        Stream.of("TIER_" + tier.toUpperCase(Locale.ROOT)))
                .map(SimpleGrantedAuthority::new)
                .collect(Collectors.toUnmodifiableList());
    }

    private static Set<String> scopesOf(Jwt token) {
        Object scope = token.getClaims().get("scope");
        if (scope instanceof String text) {
            return Set.of(text.trim().split("\\s+")).stream().filter(s -> !s.isBlank()).collect(Collectors.toSet());
        }
        if (scope instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return Set.of();
    }
}
