package com.aifinance.gateway.allowlist;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.gateway.access.RequestAccess;
import com.aifinance.gateway.problem.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Enterprise IP allowlists: a request with a verified token whose {@code org} has a non-empty allowlist must come
 * from an address in it, else {@code 403 ip-not-allowed}. The address is the one the identity filter resolved (the
 * peer's, or the client a trusted proxy forwarded), the same the services receive in {@code X-Forwarded-For}.
 * Organisations without a list, and tokens without {@code org} (individual subscribers, platform staff, platform
 * services), are not restricted. Refused requests are not counted against the organisation's rate limit, so a stolen
 * token used from elsewhere cannot spend it.
 */
final class AllowlistFilter implements WebFilter, Ordered {

    /** After the identity filter (who calls, from where), before the rate limiter. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 150;

    static final URI IP_NOT_ALLOWED = ProblemTypes.of("ip-not-allowed");

    private static final Logger log = LoggerFactory.getLogger(AllowlistFilter.class);
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED_REFUSALS = 10_000;

    private final AllowlistCache cache;
    private final ProblemWriter problems;
    private final Clock clock;
    private final Map<AllowlistCache.Decision, Counter> decisions = new EnumMap<>(AllowlistCache.Decision.class);
    /** When a refusal of an organisation and address was last logged: one line a minute each, not one a request. */
    private final Map<String, Instant> refusalsLogged = new ConcurrentHashMap<>();

    AllowlistFilter(AllowlistCache cache, ProblemWriter problems, Clock clock, MeterRegistry meters) {
        this.cache = cache;
        this.problems = problems;
        this.clock = clock;
        for (AllowlistCache.Decision decision : AllowlistCache.Decision.values()) {
            decisions.put(decision, Counter.builder("gateway.allowlist.decisions").tag("outcome", decision.tag())
                    .description("IP allowlist decisions on requests of organisations' members and API clients")
                    .register(meters));
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestAccess access = RequestAccess.of(exchange);
        Caller caller = access == null ? null : access.caller();
        if (caller == null || caller.organisation() == null || caller.organisation().isBlank()) {
            return chain.filter(exchange);
        }
        AllowlistCache.Decision decision = cache.decide(caller.organisation(), access.clientAddress());
        decisions.get(decision).increment();
        return switch (decision) {
            case ALLOWED, UNRESTRICTED -> chain.filter(exchange);
            case DENIED -> refuse(exchange, caller, access.clientAddress());
            case UNAVAILABLE -> unavailable(exchange);
        };
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Caller caller, String clientAddress) {
        logRefusal(exchange, caller, clientAddress);
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.FORBIDDEN, "Address not allowed",
                "Your organisation allows access only from its registered network addresses, and " + clientAddress
                        + " is not one of them. Ask your organisation's administrator to add it.");
        problem.setType(IP_NOT_ALLOWED);
        problem.setProperty("clientAddress", clientAddress);
        return problems.write(exchange, problem);
    }

    private Mono<Void> unavailable(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return problems.write(exchange, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                "Your organisation's network restrictions cannot be checked right now; retry shortly."));
    }

    /** Who, from where, to what: never the token. */
    private void logRefusal(ServerWebExchange exchange, Caller caller, String clientAddress) {
        Instant now = clock.instant();
        String key = caller.organisation() + '|' + clientAddress;
        Instant previous = refusalsLogged.get(key);
        if (previous != null && previous.plus(REFUSAL_LOG_INTERVAL).isAfter(now)) {
            return;
        }
        if (refusalsLogged.size() >= MAX_REMEMBERED_REFUSALS) {
            refusalsLogged.clear(); // an address sweep must not grow this without bound
        }
        refusalsLogged.put(key, now);
        log.warn("Refused {} {} of organisation {} (subject {}, tier {}) from {}: not in the organisation's IP "
                        + "allowlist (further refusals of this address for a minute are only counted)",
                exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), caller.organisation(),
                caller.subject(), caller.tier(), clientAddress);
    }
}
