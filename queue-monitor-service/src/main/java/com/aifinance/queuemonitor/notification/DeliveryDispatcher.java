package com.aifinance.queuemonitor.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import com.aifinance.queuemonitor.notification.provider.ChannelSender;
import com.aifinance.queuemonitor.notification.provider.ChannelSettings;
import com.aifinance.queuemonitor.notification.provider.Message;
import com.aifinance.queuemonitor.notification.provider.OutboundMessage;
import com.aifinance.queuemonitor.notification.provider.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works off one channel's deliveries: claims due rows, paces them with the channel's rate limit, sends up to
 * {@code concurrency} at once on virtual threads, and records each outcome. A slow or failing provider only holds
 * back its own channel; the stream consumer never waits for a provider.
 */
final class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final ChannelSender sender;
    private final ChannelSettings settings;
    private final DeliveryQueue queue;
    private final MessageRenderer renderer;
    private final RetryPolicy policy;
    private final ChannelRateLimiter limiter;
    private final NotificationMetrics metrics;
    private final NotifyProperties properties;
    private final Clock clock;
    private final JsonMapper json;
    private final String worker;
    private final Semaphore slots;
    private final Semaphore wakeUps = new Semaphore(0);
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread thread;

    DeliveryDispatcher(ChannelSender sender, ChannelSettings settings, DeliveryQueue queue, MessageRenderer renderer,
                       RetryPolicy policy, ChannelRateLimiter limiter, NotificationMetrics metrics,
                       NotifyProperties properties, Clock clock, JsonMapper json, String worker) {
        this.sender = sender;
        this.settings = settings;
        this.queue = queue;
        this.renderer = renderer;
        this.policy = policy;
        this.limiter = limiter;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
        this.worker = worker;
        this.slots = new Semaphore(Math.max(1, settings.concurrency()));
    }

    ChannelSender sender() {
        return sender;
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().name("notify-" + sender.channel().id()).daemon().start(this::loop);
    }

    void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Stops claiming; sends in flight finish (see {@link #awaitStopped}). */
    void requestStop() {
        running = false;
        wake();
        if (thread != null) {
            thread.interrupt();
        }
        sends.shutdown();
    }

    /** Waits for the loop and the sends in flight; what is still unfinished is claimed again after its lease. */
    void awaitStopped(Instant deadline) {
        try {
            if (thread != null) {
                thread.join(Duration.between(Instant.now(), deadline));
            }
            sends.awaitTermination(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!sender.configured()) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                slots.acquire();
                int wanted = 1 + drain(slots, Math.max(0, properties.batchSize() - 1));
                List<Delivery> claimed;
                try {
                    claimed = queue.claim(sender.channel(), worker, wanted, clock.instant(), properties.lease());
                } catch (RuntimeException e) {
                    slots.release(wanted);
                    log.warn("Claiming {} deliveries failed; trying again: {}", sender.channel(), e.toString());
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                slots.release(wanted - claimed.size());
                for (Delivery delivery : claimed) {
                    limiter.acquire(sender.channel(), settings);
                    sends.execute(() -> {
                        try {
                            deliver(delivery);
                        } finally {
                            slots.release();
                        }
                    });
                }
                if (claimed.size() < wanted) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("The {} dispatcher failed; it carries on", sender.channel(), e);
            }
        }
    }

    /** One attempt at one delivery; whatever happens, the row ends delivered, queued for later or dead-lettered. */
    void deliver(Delivery delivery) {
        try {
            if (delivery.attempts() > policy.maxAttempts()) {
                finish(delivery, "gave up after " + policy.maxAttempts() + " attempts; the last one never finished "
                        + "(its instance stopped mid-delivery); last error: " + delivery.lastError());
                return;
            }
            Message message;
            try {
                Template template = Template.of(delivery.template())
                        .orElseThrow(() -> new MessageRenderer.InvalidParams("unknown template " + delivery.template()));
                message = renderer.render(template, renderer.values(template, json.readTree(delivery.params())),
                        delivery.channel());
            } catch (RuntimeException invalid) {
                finish(delivery, "cannot render: " + invalid.getMessage());
                return;
            }
            SendResult result;
            try {
                result = sender.send(new OutboundMessage(delivery.id().toString(), delivery.notificationId(),
                        delivery.template(), delivery.address(), message));
            } catch (RuntimeException unexpected) {
                result = new SendResult.Retryable("sending failed: " + unexpected, null);
            }
            Instant now = clock.instant();
            switch (result) {
                case SendResult.Delivered delivered -> {
                    if (queue.delivered(delivery.id(), worker, delivered.providerMessageId(), now)) {
                        metrics.delivered(delivery.channel(), Duration.between(delivery.requestedAt(), now));
                    }
                }
                case SendResult.Rejected rejected -> finish(delivery, rejected.reason());
                case SendResult.Retryable retryable -> {
                    if (retryable.retryAfter() != null) {
                        limiter.backOff(delivery.channel(), retryable.retryAfter());
                    }
                    if (policy.exhausted(delivery.attempts())) {
                        finish(delivery, "gave up after " + delivery.attempts() + " attempts; last error: "
                                + retryable.reason());
                    } else {
                        Duration wait = policy.delay(delivery.attempts(), retryable.retryAfter(), random);
                        if (queue.retryLater(delivery.id(), worker, retryable.reason(), now.plus(wait), now)) {
                            metrics.outcome(delivery.channel(), NotificationMetrics.RETRIED);
                            log.info("Delivery {} on {} failed (attempt {} of {}), next in {} ms: {}", delivery.id(),
                                    delivery.channel(), delivery.attempts(), policy.maxAttempts(), wait.toMillis(),
                                    retryable.reason());
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // The row keeps its lease and is claimed again when it expires.
            log.error("Recording the outcome of delivery {} failed", delivery.id(), e);
        }
    }

    private void finish(Delivery delivery, String reason) {
        if (queue.deadLetter(delivery.id(), worker, reason, clock.instant())) {
            metrics.outcome(delivery.channel(), NotificationMetrics.DEAD_LETTERED);
            log.warn("Dead-lettered delivery {} of notification {} on {}: {}", delivery.id(), delivery.notificationId(),
                    delivery.channel(), reason);
        }
    }

    private static int drain(Semaphore semaphore, int max) {
        int taken = 0;
        while (taken < max && semaphore.tryAcquire()) {
            taken++;
        }
        return taken;
    }
}
