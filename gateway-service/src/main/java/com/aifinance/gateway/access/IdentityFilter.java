package com.aifinance.gateway.access;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.aifinance.common.security.Caller;
import com.aifinance.gateway.problem.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's identity check, on every request: removes identity headers the client sent, then, on API paths,
 * verifies the bearer token and sets {@code X-User-Id}, {@code X-User-Tier}, {@code X-User-Org} and
 * {@code X-User-Roles} from it. Protected API paths without a valid token are refused with 401 (403 when a role
 * rule refuses the caller); public API paths take a token when one is sent; other paths (identity pages, web
 * dashboards) are passed through, their sessions are their own business.
 */
final class IdentityFilter implements WebFilter, Ordered {

    /** After the edge protections (headers, CORS, path and body checks), before the rate limiter. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    public static final String USER_ID = "X-User-Id";
    public static final String USER_TIER = "X-User-Tier";
    public static final String USER_ORG = "X-User-Org";
    public static final String USER_ROLES = "X-User-Roles";

    private static final Logger log = LoggerFactory.getLogger(IdentityFilter.class);
    private static final String BEARER = "bearer ";

    private final AccessPolicy policy;
    private final TokenVerifier verifier;
    private final ClientAddresses clientAddresses;
    private final List<String> identityHeaderPrefixes;
    private final ProblemWriter problems;
    private final Map<TokenRejection, Counter> rejected = new EnumMap<>(TokenRejection.class);

    IdentityFilter(AccessPolicy policy, TokenVerifier verifier, ClientAddresses clientAddresses,
                   List<String> identityHeaderPrefixes, ProblemWriter problems, MeterRegistry meters) {
        this.policy = policy;
        this.verifier = verifier;
        this.clientAddresses = clientAddresses;
        this.identityHeaderPrefixes = identityHeaderPrefixes.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        this.problems = problems;
        for (TokenRejection reason : TokenRejection.values()) {
            rejected.put(reason, Counter.builder("gateway.tokens.rejected").tag("reason", reason.tag())
                    .description("Requests refused at the gateway because of their access token").register(meters));
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        AccessPolicy.Classification classification = policy.classify(path);
        String clientAddress = clientAddresses.resolve(request);
        List<String> spoofed = identityHeadersIn(request.getHeaders());
        if (!spoofed.isEmpty()) {
            log.debug("Removed client-sent identity headers {} from {}", spoofed, path.value());
        }
        if (classification.kind() == RequestAccess.Kind.PASS_THROUGH) {
            return proceed(exchange, chain, classification, null, clientAddress, spoofed);
        }
        List<String> authorization = request.getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty() || !isBearer(authorization.getFirst())) {
            if (classification.kind() == RequestAccess.Kind.PUBLIC_API) {
                return proceed(exchange, chain, classification, null, clientAddress, spoofed);
            }
            return unauthorized(exchange, TokenRejection.MISSING);
        }
        if (authorization.size() > 1) {
            return unauthorized(exchange, TokenRejection.MALFORMED); // which one would a service believe?
        }
        String token = authorization.getFirst().substring(BEARER.length()).trim();
        return verifier.verify(token)
                .map(Verification::verified)
                .onErrorResume(TokenRejection.Failure.class,
                        failure -> Mono.just(Verification.refused(failure.reason())))
                .onErrorResume(JwksKeys.KeysUnavailableException.class,
                        unavailable -> Mono.just(Verification.keysUnavailable()))
                .flatMap(verification -> {
                    if (verification.caller() != null) {
                        return authorised(exchange, chain, classification, verification.caller(), path,
                                clientAddress, spoofed);
                    }
                    if (verification.reason() != null) {
                        return unauthorized(exchange, verification.reason());
                    }
                    return keysUnavailable(exchange);
                });
    }

    private Mono<Void> authorised(ServerWebExchange exchange, WebFilterChain chain,
                                  AccessPolicy.Classification classification, Caller caller, PathContainer path,
                                  String clientAddress, List<String> spoofed) {
        return policy.missingRole(path, caller)
                .map(roles -> forbidden(exchange, roles))
                .orElseGet(() -> proceed(exchange, chain, classification, caller, clientAddress, spoofed));
    }

    private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain,
                               AccessPolicy.Classification classification, Caller caller, String clientAddress,
                               List<String> spoofed) {
        exchange.getAttributes().put(RequestAccess.ATTRIBUTE,
                new RequestAccess(classification.kind(), classification.publicGroup(), caller, clientAddress));
        if (spoofed.isEmpty() && caller == null) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            spoofed.forEach(headers::remove);
            if (caller != null) {
                headers.set(USER_ID, caller.subject());
                headers.set(USER_TIER, caller.tier());
                if (caller.organisation() != null) {
                    headers.set(USER_ORG, caller.organisation());
                }
                headers.set(USER_ROLES, String.join(",", new TreeSet<>(caller.roles())));
            }
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    private List<String> identityHeadersIn(HttpHeaders headers) {
        List<String> found = new ArrayList<>(0);
        for (String name : headers.headerNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String prefix : identityHeaderPrefixes) {
                if (lower.startsWith(prefix)) {
                    found.add(name);
                    break;
                }
            }
        }
        return found;
    }

    private static boolean isBearer(String authorization) {
        return authorization.length() > BEARER.length()
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange, TokenRejection reason) {
        rejected.get(reason).increment();
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, reason == TokenRejection.MISSING
                ? "Bearer"
                : "Bearer error=\"invalid_token\", error_description=\"" + reason.detail() + "\"");
        return problems.write(exchange, ProblemWriter.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                reason.detail()));
    }

    private Mono<Void> forbidden(ServerWebExchange exchange, Set<String> roles) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        return problems.write(exchange, ProblemWriter.problem(HttpStatus.FORBIDDEN, "Forbidden",
                "Your account is not allowed to do this (needs one of the roles " + new TreeSet<>(roles) + ")."));
    }

    private Mono<Void> keysUnavailable(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return problems.write(exchange, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                "Access tokens cannot be checked right now (the signing keys are unreachable); retry shortly."));
    }

    private record Verification(Caller caller, TokenRejection reason) {

        static Verification verified(Caller caller) {
            return new Verification(caller, null);
        }

        static Verification refused(TokenRejection reason) {
            return new Verification(null, reason);
        }

        static Verification keysUnavailable() {
            return new Verification(null, null);
        }
    }
}
