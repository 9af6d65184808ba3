package com.aifinance.billing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Load driver, not a unit test (its name keeps it out of the default run): how many verified, deduplicated Stripe
 * webhook events one instance stores per second, over real HTTP, while the processor applies them.
 *
 * <pre>./mvnw -q -o -pl billing-service verify -Dtest=WebhookIngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.events=20000 -Dbench.clients=16 [-Dbench.workers=0]</pre>
 * With {@code bench.workers=0} nothing is applied while the deliveries arrive: the intake alone is measured.
 * The figures go to stdout and {@code billing-service/target/benchmarks/webhook-ingest.txt}.
 */
class WebhookIngestBenchmark extends BillingTest {

    @Test
    void storeSignedDeduplicatedWebhooks() throws Exception {
        int deliveries = Integer.getInteger("bench.events", 20_000);
        int clients = Integer.getInteger("bench.clients", 16);
        int unique = deliveries * 7 / 10;
        List<StripeSubscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            subscribers.add(stripeSubscriber("pro-month-usd"));
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            StripeSubscriber subscriber = subscribers.get(i % subscribers.size());
            String id = "evt_bench_" + run + "_" + i;
            String payload = i % 2 == 0
                    ? stripeEvent(id, "invoice.paid", stripeInvoice(subscriber, "in_bench_" + run + "_" + i, 50_000,
                    "usd", now), now)
                    : stripeEvent(id, "customer.subscription.updated", stripeSubscriptionObject(subscriber, "active",
                    now.plusSeconds(86_400)), now.plusSeconds(i));
            events.add(new String[]{payload, stripeSignature(payload)});
        }
        Random random = new Random(7);
        List<String[]> stream = new ArrayList<>(events);
        for (int i = unique; i < deliveries; i++) {
            stream.add(events.get(random.nextInt(unique)));
        }
        Collections.shuffle(stream, random);
        // warm-up: JIT, connection pools
        for (int i = 0; i < 200; i++) {
            String id = "evt_warm_" + run + "_" + i;
            stripeWebhook(stripeEvent(id, "customer.tax_id.created", java.util.Map.of("id", "txi_" + i), now));
        }

        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    int index;
                    while ((index = next.getAndIncrement()) < stream.size()) {
                        String[] delivery = stream.get(index);
                        if (stripeWebhook(delivery[0], delivery[1]).status() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long stored = count("select count(*) from webhook_events where event_id like ?", "evt_bench_" + run + "_%");
        if (Integer.getInteger("bench.workers", 1) == 0) {
            report(deliveries, unique, clients, failures.get(), seconds, stored, "not applied (bench.workers=0)");
            assertThat(stored).isEqualTo(unique);
            return;
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> count(
                "select count(*) from webhook_events where event_id like ? and status = 'received'",
                "evt_bench_" + run + "_%") == 0);
        double applied = (System.nanoTime() - started) / 1e9;

        report(deliveries, unique, clients, failures.get(), seconds, stored, "all %d events applied (ledger, invoices, "
                .formatted(stored) + "outbox) after %.1f s -> %.0f events applied/s".formatted(applied, stored / applied));
        assertThat(failures.get()).isZero();
        assertThat(stored).isEqualTo(unique);
    }

    private static void report(int deliveries, int unique, int clients, int failures, double seconds, long stored,
                               String applied) {
        String report = """
                webhook ingest benchmark (%s, load average %s)
                deliveries: %d (%d distinct events, %d redeliveries), %d client threads, failures: %d
                intake: %.1f s -> %.0f deliveries/s, %.0f distinct verified events stored/s
                %s
                """.formatted(Instant.now(), loadAverage(), deliveries, unique, deliveries - unique, clients, failures,
                seconds, deliveries / seconds, stored / seconds, applied);
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "webhook-ingest.txt");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
