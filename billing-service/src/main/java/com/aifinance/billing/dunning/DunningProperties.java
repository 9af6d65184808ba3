package com.aifinance.billing.dunning;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dunning ({@code aifa.billing.dunning.*}).
 *
 * @param retryDelays   wait before each retry, counted from the previous attempt; after the last retry fails the
 *                      subscription is canceled (default 3, 5, 7 days: retries on days 3, 8 and 15)
 * @param checkInterval how often due retries are looked for
 * @param lease         how long a claimed retry is reserved for the instance working on it
 */
@ConfigurationProperties("aifa.billing.dunning")
public record DunningProperties(
        @DefaultValue({"3d", "5d", "7d"}) List<Duration> retryDelays,
        @DefaultValue("1m") Duration checkInterval,
        @DefaultValue("10m") Duration lease) {

    public DunningProperties {
        if (retryDelays.isEmpty() || retryDelays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("aifa.billing.dunning.retry-delays must be positive durations");
        }
    }
}
