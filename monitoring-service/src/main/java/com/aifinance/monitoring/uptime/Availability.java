package com.aifinance.monitoring.uptime;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.aifinance.monitoring.health.HealthChecks;
import com.aifinance.monitoring.health.HealthChecks.Counts;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Uptime over 24 hours, 30 and 365 days and the SLO's error budget and burn rates, from the stored checks. Formulas:
 * docs/monitoring.md.
 */
@Component
public class Availability {

    static final Map<String, Duration> UPTIME_WINDOWS = windows("24h", Duration.ofHours(24), "30d", Duration.ofDays(30),
            "365d", Duration.ofDays(365));
    static final Map<String, Duration> BURN_WINDOWS = windows("1h", Duration.ofHours(1), "6h", Duration.ofHours(6),
            "24h", Duration.ofHours(24));
    private static final int SCALE = 6;

    private final HealthChecks checks;
    private final SloProperties slo;
    private final Clock clock;

    Availability(HealthChecks checks, SloProperties slo, Clock clock) {
        this.checks = checks;
        this.slo = slo;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ServiceAvailability of(String service) {
        Instant now = clock.instant();
        Map<String, BigDecimal> uptime = new LinkedHashMap<>();
        UPTIME_WINDOWS.forEach((name, window) -> uptime.put(name, upRatio(counts(service, now, window))));
        Counts sloWindow = counts(service, now, Duration.ofDays(slo.windowDays()));
        BigDecimal budget = slo.errorBudget();
        BigDecimal remaining = null;
        if (sloWindow.total() > 0) {
            remaining = BigDecimal.ONE.subtract(budgetSpent(sloWindow, budget)).setScale(4, RoundingMode.HALF_UP);
        }
        BigDecimal budgetMinutes = budget.multiply(BigDecimal.valueOf(slo.windowDays() * 24L * 60))
                .setScale(2, RoundingMode.HALF_UP);
        Map<String, BigDecimal> burn = new LinkedHashMap<>();
        BURN_WINDOWS.forEach((name, window) -> {
            Counts counts = counts(service, now, window);
            burn.put(name, counts.total() == 0 ? null : budgetSpent(counts, budget).setScale(4, RoundingMode.HALF_UP));
        });
        return new ServiceAvailability(service, uptime, new ServiceAvailability.Slo(slo.target(), slo.windowDays(),
                sloWindow.total(), sloWindow.down(), remaining, budgetMinutes,
                remaining == null ? null : budgetMinutes.multiply(remaining).setScale(2, RoundingMode.HALF_UP), burn));
    }

    /** Windows up to a day count raw checks; longer ones the hourly counts from the window's first hour. */
    private Counts counts(String service, Instant now, Duration window) {
        return window.compareTo(Duration.ofDays(1)) <= 0
                ? checks.countsSince(service, now.minus(window))
                : checks.hourlyCountsSince(service, now.minus(window));
    }

    /** The failed share of checks ÷ the error budget (the share allowed to fail). */
    private static BigDecimal budgetSpent(Counts counts, BigDecimal budget) {
        return BigDecimal.valueOf(counts.down())
                .divide(BigDecimal.valueOf(counts.total()).multiply(budget), MathContext.DECIMAL64);
    }

    private static BigDecimal upRatio(Counts counts) {
        return counts.total() == 0 ? null : ratio(counts.up(), counts.total());
    }

    private static BigDecimal ratio(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), SCALE, RoundingMode.HALF_UP);
    }

    private static Map<String, Duration> windows(String a, Duration da, String b, Duration db, String c, Duration dc) {
        Map<String, Duration> windows = new LinkedHashMap<>();
        windows.put(a, da);
        windows.put(b, db);
        windows.put(c, dc);
        return java.util.Collections.unmodifiableMap(windows);
    }
}
