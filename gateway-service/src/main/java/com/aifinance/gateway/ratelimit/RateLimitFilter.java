package com.aifinance.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.aifinance.gateway.access.RequestAccess;
import com.aifinance.gateway.problem.ProblemWriter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
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
 * Enforces the hourly limits on API paths and reports them in {@code X-RateLimit-Limit}, {@code -Remaining} and
 * {@code -Reset} (epoch seconds); over the limit the answer is 429 with {@code Retry-After}.
 *
 * <p>When Redis cannot answer (error, {@code redis-timeout}, or its circuit breaker is open) the request is let
 * through: the limits protect capacity and fairness, not identity — tokens are still checked without Redis — and a
 * Redis outage must not take the paid API down. Each such request counts in
 * {@code gateway_rate_limit_decisions_total{outcome="failed_open"}} and
 * {@code gateway_rate_limiter_redis_failures_total{cause}}, and an error is logged at most once a minute.
 */
final class RateLimitFilter implements WebFilter, Ordered {

    /** Right after the identity filter, which decides who is calling. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final Duration ALERT_INTERVAL = Duration.ofMinutes(1);

    private final HourlyRateLimiter limiter;
    private final RateLimitProperties limits;
    private final CircuitBreaker redisBreaker;
    private final ProblemWriter problems;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<String, Counter> redisFailures = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastAlert = new AtomicReference<>(null);

    RateLimitFilter(HourlyRateLimiter limiter, RateLimitProperties limits, CircuitBreaker redisBreaker,
                    ProblemWriter problems, MeterRegistry meters, Clock clock) {
        this.limiter = limiter;
        this.limits = limits;
        this.redisBreaker = redisBreaker;
        this.problems = problems;
        this.meters = meters;
        this.clock = clock;
        // registered at zero so that the first failure is an increase Prometheus can see (and alert on)
        for (String cause : new String[] {"error", "timeout", "circuit_open"}) {
            redisFailure(cause);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Bucket bucket = Bucket.of(RequestAccess.of(exchange), limits);
        if (bucket == null) {
            return chain.filter(exchange);
        }
        return limiter.acquire(bucket)
                .timeout(limits.redisTimeout())
                .transformDeferred(CircuitBreakerOperator.of(redisBreaker))
                .map(Outcome::decided)
                .onErrorResume(error -> Mono.just(Outcome.failedOpen(error)))
                .flatMap(outcome -> outcome.decision() == null
                        ? failOpen(exchange, chain, bucket, outcome.error())
                        : apply(exchange, chain, bucket, outcome.decision()));
    }

    private Mono<Void> apply(ServerWebExchange exchange, WebFilterChain chain, Bucket bucket,
                             HourlyRateLimiter.Decision decision) {
        recovered();
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(LIMIT, Long.toString(decision.limit()));
        headers.set(REMAINING, Long.toString(decision.remaining()));
        headers.set(RESET, Long.toString(decision.resetEpochSecond()));
        if (decision.allowed()) {
            decision(bucket.tier(), "allowed").increment();
            return chain.filter(exchange);
        }
        decision(bucket.tier(), "rejected").increment();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                "The hourly limit of " + decision.limit() + " requests is used up; it renews in "
                        + decision.retryAfterSeconds() + " seconds.");
        problem.setProperty("limit", decision.limit());
        problem.setProperty("retryAfterSeconds", decision.retryAfterSeconds());
        return problems.write(exchange, problem);
    }

    private Mono<Void> failOpen(ServerWebExchange exchange, WebFilterChain chain, Bucket bucket, Throwable error) {
        String cause = error instanceof CallNotPermittedException ? "circuit_open"
                : error instanceof TimeoutException ? "timeout" : "error";
        redisFailure(cause).increment();
        decision(bucket.tier(), "failed_open").increment();
        Instant now = clock.instant();
        Instant previous = lastAlert.get();
        if ((previous == null || previous.plus(ALERT_INTERVAL).isBefore(now)) && lastAlert.compareAndSet(previous, now)) {
            log.error("ALERT rate limiting is failing open: Redis did not answer ({}); requests pass unlimited "
                    + "until it does", error.toString());
        }
        return chain.filter(exchange);
    }

    private void recovered() {
        if (lastAlert.get() != null && lastAlert.getAndSet(null) != null) {
            log.warn("Rate limiting works again: Redis answers");
        }
    }

    private Counter redisFailure(String cause) {
        return redisFailures.computeIfAbsent(cause, c -> Counter.builder("gateway.rate.limiter.redis.failures")
                .tag("cause", c).description("Rate-limit checks that Redis could not answer; the request went through")
                .register(meters));
    }

    private Counter decision(String tier, String outcome) {
        return decisions.computeIfAbsent(tier + '|' + outcome, key -> Counter.builder("gateway.rate.limit.decisions")
                .tag("tier", tier).tag("outcome", outcome)
                .description("Rate-limit decisions on API requests").register(meters));
    }

    private record Outcome(HourlyRateLimiter.Decision decision, Throwable error) {

        static Outcome decided(HourlyRateLimiter.Decision decision) {
            return new Outcome(decision, null);
        }

        static Outcome failedOpen(Throwable error) {
            return new Outcome(null, error);
        }
    }
}
