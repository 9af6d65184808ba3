package com.aifinance.monitoring.status;

import java.math.BigDecimal;
import java.util.function.Function;

import com.aifinance.monitoring.health.CheckResult;
import com.aifinance.monitoring.health.HealthProperties;
import com.aifinance.monitoring.uptime.AvailabilityBoard;
import com.aifinance.monitoring.uptime.ServiceAvailability;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Per monitored service: {@code monitor_status{service}} (1 up, 0 down, NaN not checked yet),
 * {@code monitor_response_time_seconds{service}}, {@code monitor_uptime_ratio{service,window}} (24h, 30d, 365d),
 * {@code monitor_error_budget_remaining_ratio{service}} and {@code monitor_burn_rate{service,window}} (1h, 6h, 24h).
 * All read in-memory state refreshed by each health cycle.
 */
@Component
class MonitorMetrics {

    MonitorMetrics(HealthProperties monitored, PlatformStatus status, AvailabilityBoard availability,
                   MeterRegistry meters) {
        for (String service : monitored.services()) {
            Gauge.builder("monitor.status", status, s -> s.latest(service).map(c -> c.up() ? 1.0 : 0.0)
                            .orElse(Double.NaN))
                    .description("1 when the service's last readiness check passed, 0 when it failed")
                    .tag("service", service).register(meters);
            Gauge.builder("monitor.response.time", status, s -> s.latest(service).map(CheckResult::responseMs)
                            .map(ms -> ms / 1000.0).orElse(Double.NaN))
                    .description("Response time of the last readiness check").baseUnit("seconds")
                    .tag("service", service).register(meters);
            for (String window : new String[] {"24h", "30d", "365d"}) {
                gauge(meters, "monitor.uptime.ratio", "Share of readiness checks that passed", service, window,
                        availability, figures -> figures.uptime().get(window));
            }
            gauge(meters, "monitor.error.budget.remaining.ratio",
                    "Error budget of the 99.9 % SLO left in its 30-day window (1 = untouched, below 0 = overspent)",
                    service, null, availability, figures -> figures.slo().errorBudgetRemaining());
            for (String window : new String[] {"1h", "6h", "24h"}) {
                gauge(meters, "monitor.burn.rate", "Failed share over the window ÷ error budget", service, window,
                        availability, figures -> figures.slo().burnRate().get(window));
            }
        }
    }

    private static void gauge(MeterRegistry meters, String name, String description, String service, String window,
                              AvailabilityBoard availability, Function<ServiceAvailability, BigDecimal> value) {
        Gauge.Builder<AvailabilityBoard> builder = Gauge.builder(name, availability, board -> board.of(service)
                        .map(value).map(BigDecimal::doubleValue).orElse(Double.NaN))
                .description(description).tag("service", service);
        if (window != null) {
            builder.tag("window", window);
        }
        builder.register(meters);
    }
}
