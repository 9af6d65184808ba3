package com.aifinance.queuemonitor.notification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Throughput and latency of the whole pipeline, in-process, against the fake vendors: producers commit
 * {@code notification.requested} through the outbox at a steady rate; the relay, the aifa.notify consumer, the
 * delivery queue and the dispatchers take them to SendGrid and Telegram fakes over real HTTP. Latency is the
 * delivery row's {@code delivered_at - requested_at} (the producer's commit time in the event).
 *
 * <p>Not part of the test suite (the name does not end in Test). Run:
 * {@code ./mvnw -q -o -pl queue-monitor-service verify -Dtest=NotificationPipelineBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dbenchmark.perMinute=1000 -Dbenchmark.seconds=60 -Dbenchmark.warmupSeconds=15]}; the figures go to stdout and
 * {@code target/notification-benchmark.txt}. Only "every notification was delivered" is asserted.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationPipelineBenchmark {

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void measureEnqueueToDeliveredLatencyAtTheTargetRate() throws IOException {
        int perMinute = Integer.getInteger("benchmark.perMinute", 1000);
        int seconds = Integer.getInteger("benchmark.seconds", 60);
        int warmupSeconds = Integer.getInteger("benchmark.warmupSeconds", 15);
        int total = perMinute * seconds / 60;
        long intervalNanos = Duration.ofMinutes(1).toNanos() / perMinute;
        // Warm-up at the same rate, not measured: the first seconds after a context starts (JIT, pools) are not the
        // steady state; the unmeasured figures are reported beside the measured ones.
        String warmup = "warmup-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int warmupTotal = perMinute * warmupSeconds / 60;
        long warmupStart = System.nanoTime();
        for (int i = 0; i < warmupTotal; i++) {
            long wait = warmupStart + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publish(warmup + i, i % 2 == 0);
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.sql(
                        "select count(*) from notification_deliveries where notification_id like ? and status = 'delivered'")
                .param(warmup + "%").query(Long.class).single() == warmupTotal);
        List<Double> warm = percentiles("delivered_at - requested_at", warmup);
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";

        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publish(run + i, i % 2 == 0);
        }
        long publishing = System.nanoTime() - start;

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.sql(
                        "select count(*) from notification_deliveries where notification_id like ? and status = 'delivered'")
                .param(run + "%").query(Long.class).single() == total);
        long drained = System.nanoTime() - start;

        List<Double> percentiles = percentiles("delivered_at - requested_at", run);
        List<Double> toQueue = percentiles("queued_at - requested_at", run);
        List<Double> toProvider = percentiles("delivered_at - queued_at", run);
        List<Double> relay = jdbc.sql("""
                        select unnest(percentile_cont(array[0.5, 0.95, 0.99, 1.0]) within group (
                                 order by extract(epoch from published_at - created_at) * 1000))
                          from event_outbox where subject like ?""")
                .param(run + "%").query(Double.class).list();
        Timer intake = meters.get("aifa.notifications.intake").timer();
        // Worst latency per 5-second window of publishing: shows whether slow deliveries come in bursts (stalls) or spread.
        List<String> windows = jdbc.sql("""
                        select (floor(extract(epoch from requested_at - min(requested_at) over ()) / 5) * 5)::int as second,
                               extract(epoch from delivered_at - requested_at) * 1000 as latency
                          from notification_deliveries where notification_id like ?""")
                .param(run + "%")
                .query((rs, row) -> new long[]{rs.getLong(1), Math.round(rs.getDouble(2))}).list().stream()
                .collect(java.util.stream.Collectors.groupingBy(pair -> pair[0], java.util.TreeMap::new,
                        java.util.stream.Collectors.summarizingLong(pair -> pair[1])))
                .entrySet().stream().map(window -> window.getKey() + "s:" + window.getValue().getMax())
                .toList();
        String report = """
                warm-up (not measured): %d notifications in %d s after the context started, latency ms p50 %.0f, p99 %.0f, max %.0f
                notification pipeline benchmark: %d notifications at %d/min (%d s), e-mail and Telegram alternating
                published in %.1f s, all delivered %.1f s after the first was published
                enqueue -> delivered latency ms: p50 %.0f, p95 %.0f, p99 %.0f, max %.0f
                  of which enqueue -> delivery row (relay, stream, consumer) ms: p50 %.0f, p95 %.0f, p99 %.0f, max %.0f
                    (outbox row -> published to Redis by the relay ms: p50 %.0f, p95 %.0f, p99 %.0f, max %.0f)
                  and delivery row -> provider accepted (dispatcher, HTTP) ms: p50 %.0f, p95 %.0f, p99 %.0f, max %.0f
                consumer intake per request (this JVM, all runs) ms: mean %.2f, max %.1f over %d requests
                worst latency ms per 5 s of publishing: %s
                load average at the end: %s
                """.formatted(warmupTotal, warmupSeconds, warm.get(0), warm.get(2), warm.get(3), total, perMinute, seconds, publishing / 1e9, drained / 1e9,
                percentiles.get(0), percentiles.get(1), percentiles.get(2), percentiles.get(3),
                toQueue.get(0), toQueue.get(1), toQueue.get(2), toQueue.get(3),
                relay.get(0), relay.get(1), relay.get(2), relay.get(3),
                toProvider.get(0), toProvider.get(1), toProvider.get(2), toProvider.get(3),
                intake.mean(java.util.concurrent.TimeUnit.MILLISECONDS), intake.max(java.util.concurrent.TimeUnit.MILLISECONDS),
                intake.count(), String.join(" ", windows), Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println(report);
        Files.writeString(Path.of("target", "notification-benchmark.txt"), report);
        assertThat(jdbc.sql("select count(*) from notification_deliveries where notification_id like ?")
                .param(run + "%").query(Long.class).single()).isEqualTo(total);
    }

    private List<Double> percentiles(String interval, String run) {
        return jdbc.sql("""
                        select unnest(percentile_cont(array[0.5, 0.95, 0.99, 1.0]) within group (
                                 order by extract(epoch from %s) * 1000))
                          from notification_deliveries where notification_id like ?""".formatted(interval))
                .param(run + "%").query(Double.class).list();
    }

    private void publish(String id, boolean email) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("notificationId", id);
        data.put("template", "incident");
        data.put("recipient", email ? Map.of("email", id + "@bench.example.com") : Map.of("telegramChatId", "777000"));
        data.put("channel", email ? "email" : "telegram");
        data.put("tier", "pro");
        data.put("priority", "normal");
        data.put("params", Map.of("severity", "minor", "title", "Benchmark", "summary", "Load test.",
                "status", "monitoring", "statusUrl", "https://status.aifinance.test"));
        transactions.executeWithoutResult(status -> outbox.publish(EventStreams.NOTIFY, "notification.requested", id, data));
    }
}
