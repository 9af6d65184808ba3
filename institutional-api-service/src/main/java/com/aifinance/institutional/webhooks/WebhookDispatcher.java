package com.aifinance.institutional.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers pending webhooks. The poller only claims due deliveries (leased with {@code locked_until}, so instances
 * share the work and a crashed instance's claims expire) and hands them to at most {@code workers} virtual threads;
 * each POST has a connect and a total timeout, so a hanging endpoint costs one worker for at most the timeout and
 * never blocks the poller or other endpoints. Failures are retried with exponential backoff; every attempt is logged.
 */
@Component
class WebhookDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final JdbcClient jdbc;
    private final WebhookEndpoints endpoints;
    private final WebhookProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;

    WebhookDispatcher(JdbcClient jdbc, WebhookEndpoints endpoints, WebhookProperties properties, MeterRegistry meters,
                      Clock clock) {
        this.jdbc = jdbc;
        this.endpoints = endpoints;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.slots = new Semaphore(Math.max(1, properties.workers()));
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(fixedDelayString = "${aifa.webhooks.poll-interval:1s}", initialDelayString = "1s")
    void poll() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        Instant now = clock.instant();
        Duration lease = properties.connectTimeout().plus(properties.requestTimeout()).plusSeconds(10);
        List<WebhookEndpoints.Delivery> due = jdbc.sql("""
                        update webhook_deliveries set locked_until = ? where id in (
                            select id from webhook_deliveries
                            where status = 'pending' and next_attempt_at <= ? and (locked_until is null or locked_until < ?)
                            order by next_attempt_at limit ? for update skip locked)
                        returning id, endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at,
                                  created_at, delivered_at
                        """)
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), Timestamp.from(now), free)
                .query(WebhookEndpoints::delivery).list();
        for (WebhookEndpoints.Delivery delivery : due) {
            slots.acquireUninterruptibly();
            workers.execute(() -> {
                try {
                    deliver(delivery);
                } catch (RuntimeException e) {
                    log.error("Webhook delivery {} could not be recorded", delivery.id(), e);
                } finally {
                    slots.release();
                }
            });
        }
    }

    void deliver(WebhookEndpoints.Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        Instant started = clock.instant();
        long nanos = System.nanoTime();
        Integer status = null;
        String error = null;
        String url = endpoints.url(delivery.endpointId()).orElse(null);
        if (url == null) {
            error = "endpoint removed";
        } else {
            var refused = EndpointAddress.problem(url, properties);
            if (refused.isPresent()) {
                error = "endpoint URL " + refused.get();
            } else {
                try {
                    long timestamp = started.getEpochSecond();
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .timeout(properties.requestTimeout())
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "aifa-webhooks/1.0")
                            .header("X-AIFA-Event-Id", delivery.eventId())
                            .header("X-AIFA-Event-Type", delivery.eventType())
                            .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                            .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.header(
                                    endpoints.signingSecrets(delivery.endpointId(), started), timestamp,
                                    delivery.payload()))
                            .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                            .build();
                    status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status < 200 || status > 299) {
                        error = "HTTP " + status;
                    }
                } catch (HttpTimeoutException e) {
                    error = "timed out";
                } catch (IOException e) {
                    error = "connection failed: " + e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    error = "interrupted";
                } catch (IllegalArgumentException e) {
                    error = "invalid URL";
                }
            }
        }
        long millis = (System.nanoTime() - nanos) / 1_000_000;
        record(delivery, attempt, started, status, error, millis);
    }

    private void record(WebhookEndpoints.Delivery delivery, int attempt, Instant at, Integer status, String error,
                        long millis) {
        jdbc.sql("""
                        insert into webhook_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing
                        """)
                .params(delivery.id(), attempt, Timestamp.from(at), status, error, millis).update();
        Instant now = clock.instant();
        if (error == null) {
            jdbc.sql("""
                            update webhook_deliveries set status = 'delivered', attempts = ?, delivered_at = ?,
                                locked_until = null where id = ?
                            """)
                    .params(attempt, Timestamp.from(now), delivery.id()).update();
            meters.counter("webhook_deliveries_total", "result", "delivered").increment();
            return;
        }
        boolean last = attempt >= properties.maxAttempts();
        Duration backoff = properties.retryInitialDelay().multipliedBy(1L << Math.min(20, attempt - 1));
        if (backoff.compareTo(properties.retryMaxDelay()) > 0) {
            backoff = properties.retryMaxDelay();
        }
        jdbc.sql("""
                        update webhook_deliveries set status = ?, attempts = ?, next_attempt_at = ?, locked_until = null
                        where id = ?
                        """)
                .params(last ? "failed" : "pending", attempt, Timestamp.from(now.plus(backoff)), delivery.id()).update();
        meters.counter("webhook_deliveries_total", "result", last ? "failed" : "retrying").increment();
        log.info("Webhook delivery {} attempt {} failed: {}{}", delivery.id(), attempt, error,
                last ? " (giving up)" : ", retrying in " + backoff);
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
