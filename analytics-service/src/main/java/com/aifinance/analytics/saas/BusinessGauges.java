package com.aifinance.analytics.saas;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.aifinance.common.web.ApiProblem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The seed's business gauges, refreshed on a schedule (a scrape never runs a report):
 * {@code active_subscriptions{tier}} now, and {@code churn_rate_percentage{tier}} and
 * {@code customer_lifetime_value{tier}} (US dollars) of the last complete month, and
 * {@code monthly_recurring_revenue{currency}}: MRR in force in each currency it is billed in (major units, not
 * converted). An undefined value (no customers at
 * the month's start, no churn) is NaN. {@code analytics_business_metrics_refreshed_seconds} tells when they were last
 * computed, so stale figures can alert.
 */
@Component
class BusinessGauges {

    private static final Logger log = LoggerFactory.getLogger(BusinessGauges.class);
    static final List<String> TIERS = List.of("basic", "pro", "enterprise", "institutional");

    private final SaasMetrics metrics;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Double> activeSubscriptions = new ConcurrentHashMap<>();
    private final Map<String, Double> churnRate = new ConcurrentHashMap<>();
    private final Map<String, Double> lifetimeValue = new ConcurrentHashMap<>();
    private final Map<String, Double> recurringRevenue = new ConcurrentHashMap<>();
    private volatile double refreshedAt = Double.NaN;

    BusinessGauges(SaasMetrics metrics, MeterRegistry meters, Clock clock) {
        this.metrics = metrics;
        this.meters = meters;
        this.clock = clock;
        TIERS.forEach(this::register);
        List.of("USD", "INR").forEach(this::registerCurrency);
        Gauge.builder("analytics.business.metrics.refreshed", () -> refreshedAt)
                .description("When the business gauges were last computed (seconds since the epoch)")
                .baseUnit("seconds").register(meters);
    }

    @Scheduled(initialDelayString = "${aifa.analytics.metrics.initial-delay:20s}",
            fixedDelayString = "${aifa.analytics.metrics.refresh:5m}")
    void scheduledRefresh() {
        try {
            refresh();
        } catch (ApiProblem | org.springframework.dao.DataAccessException e) {
            log.warn("Business gauges not refreshed: {}", e.getMessage());
        }
    }

    /** Recomputes every gauge. */
    void refresh() {
        Map<String, Integer> active = metrics.activeSubscriptionsByTier();
        Map<String, SaasMetrics.TierMonth> lastMonth = metrics.lastCompleteMonthByTier("USD");
        for (String tier : union(active.keySet(), lastMonth.keySet())) {
            register(tier);
            activeSubscriptions.put(tier, (double) active.getOrDefault(tier, 0));
            SaasMetrics.TierMonth month = lastMonth.get(tier);
            churnRate.put(tier, month == null ? Double.NaN : number(month.month().customerChurnRatePct()));
            lifetimeValue.put(tier, month == null || !month.moneyKnown() || month.month().ltvMinor() == null
                    ? Double.NaN : BigDecimal.valueOf(month.month().ltvMinor()).movePointLeft(2).doubleValue());
        }
        refreshRecurringRevenue();
        if (lastMonth.values().stream().anyMatch(month -> !month.moneyKnown())) {
            log.warn("Exchange rates of last month are missing: customer_lifetime_value is NaN until they are loaded");
        }
        refreshedAt = clock.millis() / 1000.0;
    }

    /** MRR per billing currency; the report converts to USD for its total, so it needs rates only for that. */
    private void refreshRecurringRevenue() {
        try {
            CurrentMrr current = metrics.current("USD");
            Map<String, Long> byCurrency = new java.util.TreeMap<>();
            current.lines().forEach(line -> byCurrency.merge(line.currency(), line.mrrMinor(), Long::sum));
            recurringRevenue.replaceAll((currency, value) -> 0.0);
            byCurrency.forEach((currency, minor) -> {
                registerCurrency(currency);
                recurringRevenue.put(currency, BigDecimal.valueOf(minor).movePointLeft(2).doubleValue());
            });
        } catch (ApiProblem e) {
            log.warn("monthly_recurring_revenue not refreshed: {}", e.getMessage());
        }
    }

    private void registerCurrency(String currency) {
        if (recurringRevenue.putIfAbsent(currency, Double.NaN) != null) {
            return;
        }
        Gauge.builder("monthly_recurring_revenue", recurringRevenue, values -> values.getOrDefault(currency, Double.NaN))
                .description("MRR in force, in the currency it is billed in (major units)").tag("currency", currency)
                .register(meters);
    }

    private void register(String tier) {
        if (activeSubscriptions.putIfAbsent(tier, 0.0) != null) {
            return;
        }
        churnRate.put(tier, Double.NaN);
        lifetimeValue.put(tier, Double.NaN);
        Gauge.builder("active_subscriptions", activeSubscriptions, values -> values.getOrDefault(tier, 0.0))
                .description("Active and past-due subscriptions and running contracts").tag("tier", tier)
                .register(meters);
        Gauge.builder("churn_rate_percentage", churnRate, values -> values.getOrDefault(tier, Double.NaN))
                .description("Customer churn rate of the last complete month (%)").tag("tier", tier)
                .register(meters);
        Gauge.builder("customer_lifetime_value", lifetimeValue, values -> values.getOrDefault(tier, Double.NaN))
                .description("LTV = ARPA ÷ customer churn rate, last complete month, US dollars").tag("tier", tier)
                .register(meters);
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static double number(BigDecimal value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
