package com.aifinance.subscription.entitlement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each tier includes (docs/contracts.md, "Tiers and entitlements"). Runtime flags can switch the flag-backed
 * features per tier or globally; the rest are fixed by the tier.
 */
final class Catalog {

    static final List<String> TIERS = List.of("none", "basic", "pro", "enterprise", "institutional");

    /** The seed's feature flags: each is also a feature of the same name. */
    static final List<String> FLAGS = List.of("advanced_analytics", "enterprise_dashboard", "crypto_signals",
            "forex_signals", "white_label", "api_rate_limiting", "real_time_notifications");

    static final List<String> FEATURES = List.of("stock_signals", "crypto_signals", "forex_signals",
            "real_time_notifications", "advanced_analytics", "enterprise_dashboard", "white_label", "sso",
            "ip_allowlists", "webhooks", "api_rate_limiting");

    private static final Set<String> PRO = Set.of("stock_signals", "crypto_signals", "forex_signals",
            "real_time_notifications", "advanced_analytics", "api_rate_limiting");

    private static final Map<String, Set<String>> INCLUDED = Map.of(
            "none", Set.of("api_rate_limiting"),
            "basic", Set.of("stock_signals", "api_rate_limiting"),
            "pro", PRO,
            "enterprise", union(PRO, Set.of("enterprise_dashboard", "white_label", "sso", "ip_allowlists")),
            "institutional", Set.of("stock_signals", "crypto_signals", "forex_signals", "webhooks", "ip_allowlists",
                    "api_rate_limiting"));

    private static final Map<String, Long> REQUESTS_PER_HOUR = Map.of(
            "none", 20L, "basic", 100L, "pro", 1_000L, "enterprise", 10_000L);

    private Catalog() {
    }

    static boolean includes(String tier, String feature) {
        return INCLUDED.getOrDefault(tier, Set.of()).contains(feature);
    }

    /** Hourly API requests at the gateway; institutional clients have their contract quota instead. */
    static Long requestsPerHour(String tier) {
        return REQUESTS_PER_HOUR.get(tier);
    }

    static Duration signalDelay(String tier, Duration basicDelay) {
        return "basic".equals(tier) ? basicDelay : Duration.ZERO;
    }

    static String mfa(String tier) {
        return switch (tier) {
            case "enterprise" -> "mandatory";
            case "institutional" -> "n/a";
            default -> "optional";
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
