package com.aifinance.billing.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.aifinance.billing.payment.ParkedEvent;
import com.aifinance.billing.payment.PaymentEvents;
import com.aifinance.billing.payment.ProviderEvent;
import com.aifinance.billing.payment.ProviderEventTranslator;
import com.aifinance.billing.provider.ProviderName;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies stored webhook events in arrival order, a batch per transaction and a savepoint per event: an event that
 * cannot be applied is parked (or retried later) without undoing its neighbours. Instances share the inbox through
 * {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
class WebhookProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);

    private final WebhookInbox inbox;
    private final Map<ProviderName, ProviderEventTranslator> translators = new EnumMap<>(ProviderName.class);
    private final PaymentEvents payments;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final WebhookProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    WebhookProcessor(WebhookInbox inbox, List<ProviderEventTranslator> translators, PaymentEvents payments,
                     TransactionTemplate transactions, JsonMapper json, WebhookProperties properties,
                     MeterRegistry meters, Clock clock) {
        this.inbox = inbox;
        translators.forEach(translator -> this.translators.put(translator.provider(), translator));
        this.payments = payments;
        this.transactions = transactions;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        for (String status : List.of("received", "parked")) {
            Gauge.builder("billing_webhook_inbox_events", inbox, stored -> stored.count(status))
                    .description("Webhook events waiting to be applied (received) or for ops review (parked)")
                    .tag("status", status).register(meters);
        }
    }

    void wakeUp() {
        if (wakeUps.availablePermits() < properties.workers()) {
            wakeUps.release();
        }
    }

    /** Applies every due event now, on the caller's thread; returns how many were handled. */
    int drain() {
        int total = 0;
        int handled;
        while ((handled = processBatch()) > 0) {
            total += handled;
        }
        return total;
    }

    private record Result(ProviderName provider, String outcome, String reason) {
    }

    int processBatch() {
        List<Result> results = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            // Batches take the per-currency invoice and credit-note counters in whatever order their events need:
            // one batch at a time (across instances too) keeps two batches from deadlocking on them.
            inbox.lockBatches();
            for (WebhookInbox.Claimed event : inbox.claimDue(properties.batchSize())) {
                Object savepoint = status.createSavepoint();
                try {
                    String outcome = apply(event);
                    status.releaseSavepoint(savepoint);
                    inbox.finish(event, "ignored".equals(outcome) ? "ignored" : "processed", null);
                    results.add(new Result(event.provider(), outcome, null));
                } catch (ParkedEvent parked) {
                    status.rollbackToSavepoint(savepoint);
                    inbox.finish(event, "parked", parked.reason() + ": " + parked.getMessage());
                    results.add(new Result(event.provider(), "parked", parked.reason()));
                    log.warn("Parked {} event {} ({}): {}", event.provider().code(), event.eventId(), parked.reason(),
                            parked.getMessage());
                } catch (RuntimeException e) {
                    status.rollbackToSavepoint(savepoint);
                    if (event.attempts() + 1 >= properties.maxAttempts()) {
                        inbox.finish(event, "parked", "processing_failed: " + e);
                        results.add(new Result(event.provider(), "parked", "processing_failed"));
                    } else {
                        Duration backoff = Duration.ofSeconds(1L << Math.min(event.attempts() + 1, 10));
                        inbox.retryLater(event, e.toString(), clock.instant().plus(backoff));
                        results.add(new Result(event.provider(), "retry", null));
                    }
                    log.warn("Applying {} event {} failed (attempt {})", event.provider().code(), event.eventId(),
                            event.attempts() + 1, e);
                }
            }
        });
        for (Result result : results) {
            meters.counter("billing_webhook_events_processed", "provider", result.provider().code(),
                    "outcome", result.outcome().equals("ignored") || result.outcome().equals("parked")
                            || result.outcome().equals("retry") ? result.outcome() : "applied").increment();
            if (result.reason() != null) {
                meters.counter("billing_webhook_events_parked", "provider", result.provider().code(),
                        "reason", result.reason()).increment();
            }
        }
        return results.size();
    }

    private String apply(WebhookInbox.Claimed event) {
        ProviderEventTranslator translator = translators.get(event.provider());
        JsonNode root;
        try {
            root = json.readTree(event.payload());
        } catch (JacksonException e) {
            throw new ParkedEvent("malformed_payload", "stored payload is not JSON");
        }
        List<ProviderEvent> events = translator.translate(event.type(), root, event.createdAt());
        if (events.isEmpty()) {
            return "ignored";
        }
        List<String> outcomes = new ArrayList<>();
        for (ProviderEvent providerEvent : events) {
            outcomes.add(payments.apply(providerEvent).name().toLowerCase(java.util.Locale.ROOT));
        }
        return outcomes.stream().allMatch("ignored"::equals) ? "ignored" : String.join(",", outcomes);
    }

    private void work() {
        while (running) {
            try {
                if (processBatch() == 0) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.error("Webhook processing round failed; retrying", e);
                    try {
                        Thread.sleep(properties.pollInterval().toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            Thread worker = Thread.ofPlatform().name("webhook-processor-" + i).daemon().unstarted(this::work);
            workers.add(worker);
            worker.start();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
