package com.aifinance.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hourly request limits ({@code aifa.gateway.rate-limits.*}); the tier limits are docs/contracts.md's.
 *
 * @param tiers                   requests per hour per subject for each tier ({@code enterprise}: per organisation)
 * @param institutionalDefault    an institutional client's quota when its contract quota is not known to the gateway
 * @param anonymous               requests per hour per client IP for each public API group
 *                                ({@code aifa.gateway.access.public-api})
 * @param anonymousDefault        for a public API group not named in {@code anonymous}
 * @param window                  the length of a counting window (the limits are "per hour")
 * @param redisTimeout            how long the gateway waits for Redis before letting the request through
 */
@ConfigurationProperties("aifa.gateway.rate-limits")
record RateLimitProperties(
        @DefaultValue Map<String, Long> tiers,
        @DefaultValue("10000") long institutionalDefault,
        @DefaultValue Map<String, Long> anonymous,
        @DefaultValue("300") long anonymousDefault,
        @DefaultValue("1h") Duration window,
        @DefaultValue("250ms") Duration redisTimeout) {

    private static final Map<String, Long> CONTRACT_TIERS = Map.of(
            "none", 20L, "basic", 100L, "pro", 1_000L, "enterprise", 10_000L);

    long limitFor(String tier) {
        Long configured = tiers.get(tier);
        return configured != null ? configured : CONTRACT_TIERS.getOrDefault(tier, CONTRACT_TIERS.get("none"));
    }

    long anonymousLimitFor(String group) {
        return anonymous.getOrDefault(group, anonymousDefault);
    }
}
