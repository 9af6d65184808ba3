package com.aifinance.institutional.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * One vendor behind Resilience4j: our own rate limiter keeps us under the vendor's limit (a call over it fails at
 * once instead of waiting), a retry with exponential backoff covers network errors and 5xx, and a circuit breaker
 * skips a vendor that keeps failing so the backup is asked at once.
 */
final class ResilientProvider {

    private final MarketDataProvider provider;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;

    ResilientProvider(MarketDataProvider provider, int attempts, Duration firstWait, Duration openFor) {
        this.provider = provider;
        this.retry = Retry.of(provider.name(), RetryConfig.custom()
                .maxAttempts(Math.max(1, attempts))
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstWait, 2.0))
                .retryOnException(e -> e instanceof ProviderException failure
                        && failure.kind() == ProviderException.Kind.UNAVAILABLE)
                .build());
        this.breaker = CircuitBreaker.of(provider.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                // a refused request (unknown symbol) says nothing about the vendor's health
                .recordException(e -> !(e instanceof ProviderException failure)
                        || failure.kind() != ProviderException.Kind.REJECTED)
                .build());
        this.limiter = RateLimiter.of(provider.name(), RateLimiterConfig.custom()
                .limitForPeriod(provider.settings().requestsPerMinute())
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    MarketDataProvider provider() {
        return provider;
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    List<Bar> fetchBars(Instrument instrument, Instant since) {
        Supplier<List<Bar>> call = () -> provider.fetchBars(instrument, since);
        return Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(breaker, RateLimiter.decorateSupplier(limiter, call))).get();
    }
}
