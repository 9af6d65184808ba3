package com.aifinance.queuemonitor.queues;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The queue monitor ({@code aifa.queues.*}).
 *
 * @param streams             the platform streams watched (each with its {@code .dlq})
 * @param lagScanLimit        on Redis before 7, lag is counted by reading the entries after a group's last delivered
 *                            id; beyond this many the lag is reported as "at least" this many
 * @param deadLetterScanLimit dead letters read to count them per consumer group
 * @param pendingScanLimit    pending entries read per group for the delivery-count figures
 * @param bulkLimit           entries one "retry all" or "move stuck entries" request touches at most
 * @param historyRetention    how long the per-minute history is kept
 * @param streamMaxLength     approximate cap applied when re-adding entries to a stream
 */
@ConfigurationProperties("aifa.queues")
record QueuesProperties(
        @DefaultValue({"aifa.billing", "aifa.subscription", "aifa.signal", "aifa.enterprise", "aifa.notify"})
        List<String> streams,
        @DefaultValue("10000") int lagScanLimit,
        @DefaultValue("10000") int deadLetterScanLimit,
        @DefaultValue("1000") int pendingScanLimit,
        @DefaultValue("10000") int bulkLimit,
        @DefaultValue("30d") Duration historyRetention,
        @DefaultValue("1000000") long streamMaxLength) {
}
