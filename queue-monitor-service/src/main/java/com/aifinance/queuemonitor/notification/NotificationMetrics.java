package com.aifinance.queuemonitor.notification;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.aifinance.queuemonitor.notification.provider.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * What ops watch about deliveries: outcomes per channel ({@code aifa_notifications_deliveries_total}), requests
 * rejected before delivery, the enqueue→delivered latency, and the backlog per channel and status.
 */
@Component
class NotificationMetrics {

    static final String DELIVERED = "delivered";
    static final String RETRIED = "retried";
    static final String DEAD_LETTERED = "dead_lettered";
    static final String PARKED = "parked";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();

    NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Channel channel : Channel.values()) {
            for (String outcome : new String[]{DELIVERED, RETRIED, DEAD_LETTERED, PARKED}) {
                outcome(channel, outcome, 0);
            }
        }
    }

    void outcome(Channel channel, String outcome) {
        outcome(channel, outcome, 1);
    }

    private void outcome(Channel channel, String outcome, int count) {
        Counter.builder("aifa.notifications.deliveries")
                .description("Delivery attempts by channel and outcome")
                .tag("channel", channel.id()).tag("outcome", outcome)
                .register(registry).increment(count);
    }

    void delivered(Channel channel, Duration sinceRequested) {
        outcome(channel, DELIVERED);
        Timer.builder("aifa.notifications.delivery.latency")
                .description("From the producer's request to the provider's acceptance")
                .tag("channel", channel.id())
                .publishPercentileHistogram()
                .register(registry)
                .record(sinceRequested.isNegative() ? Duration.ZERO : sinceRequested);
    }

    /** Time the aifa.notify consumer spends turning one request into delivery rows (its throughput limit). */
    void intake(long nanos) {
        Timer.builder("aifa.notifications.intake")
                .description("Checking, routing and queueing one notification request in the consumer's transaction")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void rejected(String reason) {
        Counter.builder("aifa.notifications.rejected")
                .description("Notification requests that could not become a delivery")
                .tag("reason", reason)
                .register(registry).increment();
    }

    void backlog(Channel channel, String status, long count) {
        backlog.computeIfAbsent(channel.id() + "/" + status, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("aifa.notifications.backlog", value, AtomicLong::get)
                    .description("Deliveries not yet delivered, by channel and status")
                    .tag("channel", channel.id()).tag("status", status)
                    .register(registry);
            return value;
        }).set(count);
    }
}
