package com.aifinance.analytics.revenue;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code revenue_total{tier,currency}}: gross revenue ever collected, in the currency's major unit, and
 * {@code revenue_refunded_total{tier,currency}}. Counters (they only grow), so Prometheus' {@code increase()} gives
 * revenue per hour or day for the RevenueDown alert. Refreshed from the database on a schedule.
 */
@Component
class RevenueCounters {

    private static final Logger log = LoggerFactory.getLogger(RevenueCounters.class);

    private final Revenue revenue;
    private final MeterRegistry meters;
    private final Map<String, double[]> totals = new ConcurrentHashMap<>();

    RevenueCounters(Revenue revenue, MeterRegistry meters) {
        this.revenue = revenue;
        this.meters = meters;
    }

    @Scheduled(initialDelayString = "${aifa.analytics.metrics.initial-delay:20s}",
            fixedDelayString = "${aifa.analytics.metrics.refresh:5m}")
    void scheduledRefresh() {
        try {
            refresh();
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Revenue counters not refreshed: {}", e.getMessage());
        }
    }

    void refresh() {
        for (Revenue.Total total : revenue.totals()) {
            String key = total.tier() + "|" + total.currency();
            double[] values = totals.computeIfAbsent(key, k -> {
                double[] fresh = new double[2];
                FunctionCounter.builder("revenue", fresh, v -> v[0])
                        .description("Gross revenue collected, in the currency's major unit")
                        .tags("tier", total.tier(), "currency", total.currency()).register(meters);
                FunctionCounter.builder("revenue.refunded", fresh, v -> v[1])
                        .description("Revenue refunded, in the currency's major unit")
                        .tags("tier", total.tier(), "currency", total.currency()).register(meters);
                return fresh;
            });
            values[0] = major(total.grossMinor(), total.currency());
            values[1] = major(total.refundedMinor(), total.currency());
        }
    }

    private static double major(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor).movePointLeft(digits).doubleValue();
    }
}
