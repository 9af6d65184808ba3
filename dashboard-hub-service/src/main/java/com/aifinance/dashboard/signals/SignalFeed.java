package com.aifinance.dashboard.signals;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.aifinance.common.events.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live signals for the browsers. The hub's consumer group reads {@code aifa.signal} once per event for all hub
 * instances, so the consuming instance re-publishes each event on a Redis channel that every instance listens to;
 * each instance then pushes it (server-sent events) to its own connected browsers, filtered by what each user is
 * entitled to: the asset classes of their plan, Basic subscribers after their delay.
 */
@Component
class SignalFeed {

    static final String CHANNEL = "aifa:dashboard:signals";
    private static final Logger log = LoggerFactory.getLogger(SignalFeed.class);

    /** A connected browser and what its user may see. */
    record Subscriber(String userId, SseEmitter emitter, Set<String> assetClasses, Duration delay,
                      AtomicBoolean open) {
    }

    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("signal-feed").daemon().factory());
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration streamTimeout;
    private final Counter pushed;

    SignalFeed(StringRedisTemplate redis, JsonMapper json, Clock clock, MeterRegistry meters,
               @Value("${aifa.signals.heartbeat:15s}") Duration heartbeat,
               @Value("${aifa.signals.stream-timeout:30m}") Duration streamTimeout) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        this.streamTimeout = streamTimeout;
        this.pushed = meters.counter("dashboard_signals_pushed_total");
        meters.gaugeCollectionSize("dashboard_signal_stream_subscribers", java.util.List.of(), subscribers);
        // a comment line now and then keeps proxies (and the gateway's read timeout) from closing idle streams
        scheduler.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Called by the consumer of {@code aifa.signal} on one instance: share the event with every instance. */
    void relay(EventEnvelope event) {
        if (!LiveSignal.PUBLISHED.equals(event.type()) && !LiveSignal.RESOLVED.equals(event.type())) {
            return;
        }
        LiveSignal signal = toLive(event);
        redis.convertAndSend(CHANNEL, json.writeValueAsString(signal));
    }

    /** Called on every instance for each relayed event. */
    void deliver(String message) {
        LiveSignal signal;
        try {
            signal = json.readValue(message, LiveSignal.class);
        } catch (RuntimeException malformed) {
            log.warn("Ignoring an unreadable live signal: {}", malformed.getMessage());
            return;
        }
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.assetClasses().contains(signal.assetClass())) {
                continue;
            }
            Duration wait = subscriber.delay().isZero() ? Duration.ZERO
                    : Duration.between(clock.instant(), signal.at().plus(subscriber.delay()));
            if (wait.isNegative() || wait.isZero()) {
                send(subscriber, signal);
            } else {
                scheduler.schedule(() -> send(subscriber, signal), wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    SseEmitter connect(String userId, Set<String> assetClasses, Duration delay) {
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        Subscriber subscriber = new Subscriber(userId, emitter, Set.copyOf(assetClasses), delay, new AtomicBoolean(true));
        Runnable remove = () -> {
            subscriber.open().set(false);
            subscribers.remove(subscriber);
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        subscribers.add(subscriber);
        try {
            emitter.send(SseEmitter.event().name("ready").data("{\"assetClasses\":"
                    + json.writeValueAsString(subscriber.assetClasses()) + ",\"delaySeconds\":"
                    + delay.toSeconds() + "}", MediaType.APPLICATION_JSON).reconnectTime(5000));
        } catch (IOException | IllegalStateException gone) {
            remove.run();
        }
        return emitter;
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private void send(Subscriber subscriber, LiveSignal signal) {
        if (!subscriber.open().get()) {
            return;
        }
        try {
            subscriber.emitter().send(SseEmitter.event().name(signal.published() ? "signal" : "resolved")
                    .id(signal.signalId()).data(json.writeValueAsString(signal), MediaType.APPLICATION_JSON));
            pushed.increment();
        } catch (IOException | IllegalStateException gone) {
            subscriber.open().set(false);
            subscribers.remove(subscriber);
        }
    }

    private void heartbeat() {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.emitter().send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                subscriber.open().set(false);
                subscribers.remove(subscriber);
            }
        }
    }

    private LiveSignal toLive(EventEnvelope event) {
        JsonNode data = event.data();
        Instant generatedAt = instant(data, "generatedAt");
        Instant resolvedAt = instant(data, "resolvedAt");
        Instant at = LiveSignal.PUBLISHED.equals(event.type())
                ? (generatedAt != null ? generatedAt : event.time())
                : (resolvedAt != null ? resolvedAt : event.time());
        return new LiveSignal(event.type(), text(data, "signalId"), text(data, "symbol"), text(data, "assetClass"),
                text(data, "direction"), text(data, "entry"), text(data, "target"), text(data, "stop"),
                text(data, "horizon"), data.hasNonNull("confidence") ? data.get("confidence").asDouble() : null,
                text(data, "modelVersion"), generatedAt, data.path("simulated").asBoolean(false),
                text(data, "outcome"), text(data, "exitPrice"), text(data, "returnPct"), resolvedAt, at);
    }

    private static String text(JsonNode data, String field) {
        return data.hasNonNull(field) ? data.get(field).asString() : null;
    }

    private static Instant instant(JsonNode data, String field) {
        try {
            return data.hasNonNull(field) ? Instant.parse(data.get(field).asString()) : null;
        } catch (RuntimeException unparseable) {
            return null;
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        subscribers.forEach(subscriber -> subscriber.emitter().complete());
    }
}
