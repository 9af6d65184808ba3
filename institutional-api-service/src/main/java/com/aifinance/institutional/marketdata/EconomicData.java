package com.aifinance.institutional.marketdata;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the configured FRED series up to date (FRED has no backup vendor; a failed refresh is retried next time). */
public class EconomicData {

    private static final Logger log = LoggerFactory.getLogger(EconomicData.class);

    private final FredClient fred;
    private final List<String> series;
    private final EconomicObservationStore store;
    private final Clock clock;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;

    EconomicData(FredClient fred, List<String> series, EconomicObservationStore store, Clock clock) {
        this.fred = fred;
        this.series = series;
        this.store = store;
        this.clock = clock;
        this.retry = Retry.of(FredClient.NAME, RetryConfig.custom().maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(java.time.Duration.ofMillis(500), 2.0))
                .retryOnException(e -> e instanceof ProviderException failure
                        && failure.kind() == ProviderException.Kind.UNAVAILABLE)
                .build());
        this.breaker = CircuitBreaker.of(FredClient.NAME, CircuitBreakerConfig.custom().minimumNumberOfCalls(4)
                .slidingWindowSize(10).build());
        this.limiter = RateLimiter.of(FredClient.NAME, RateLimiterConfig.custom()
                .limitForPeriod(fred.settings().requestsPerMinute()).limitRefreshPeriod(java.time.Duration.ofMinutes(1))
                .timeoutDuration(java.time.Duration.ZERO).build());
    }

    public boolean enabled() {
        return fred.enabled();
    }

    /** Fetches what is new for each series; one series failing does not stop the others. */
    public int refresh() {
        if (!fred.enabled()) {
            return 0;
        }
        int stored = 0;
        for (String seriesId : series) {
            LocalDate since = store.lastDate(seriesId).orElse(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusYears(5));
            try {
                List<FredClient.Observation> observations = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(
                        breaker, RateLimiter.decorateSupplier(limiter, () -> fred.observations(seriesId, since)))).get();
                store.save(seriesId, observations, FredClient.NAME);
                stored += observations.size();
            } catch (RuntimeException e) {
                log.warn("FRED series {} not refreshed: {}", seriesId, e.getMessage());
            }
        }
        return stored;
    }
}
