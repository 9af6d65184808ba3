package com.aifinance.gateway.ratelimit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.aifinance.common.events.EventStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps institutional clients' contract quotas where the limiter reads them: enterprise-service publishes
 * {@code api_client.created} / {@code .rotated} (with {@code quotaPerHour}) and {@code api_client.revoked} on
 * {@code aifa.enterprise}; this sets or removes {@code aifa:gateway:quota:{client:<clientId>}}.
 *
 * <p>It reads the stream in the gateway's consumer group every {@code interval} without blocking (a blocking read
 * would hold the connection the rate limiter shares). Applying an event twice is harmless (the same value is set
 * again), so the gateway needs no inbox table.
 */
final class ContractQuotas {

    private static final Logger log = LoggerFactory.getLogger(ContractQuotas.class);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final String group;
    private final String consumer;
    private final Duration interval;
    private volatile boolean groupReady;

    ContractQuotas(ReactiveStringRedisTemplate redis, JsonMapper json, String group, String consumer,
                   Duration interval) {
        this.redis = redis;
        this.json = json;
        this.group = group;
        this.consumer = consumer;
        this.interval = interval;
    }

    Disposable start() {
        return Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> poll().onErrorResume(error -> {
                    log.debug("Could not read {} for contract quotas: {}", EventStreams.ENTERPRISE, error.toString());
                    return Mono.just(0L);
                }), 1)
                .subscribe();
    }

    /** Reads and applies what is new on the stream; the number of entries applied. */
    Mono<Long> poll() {
        return ensureGroup().thenMany(redis.<String, String>opsForStream().read(Consumer.from(group, consumer),
                        StreamReadOptions.empty().count(100),
                        StreamOffset.create(EventStreams.ENTERPRISE, ReadOffset.lastConsumed())))
                .concatMap(entry -> apply(entry)
                        .then(redis.opsForStream().acknowledge(EventStreams.ENTERPRISE, group, entry.getId())))
                .count();
    }

    private Mono<Void> ensureGroup() {
        if (groupReady) {
            return Mono.empty();
        }
        ByteBuffer stream = ByteBuffer.wrap(EventStreams.ENTERPRISE.getBytes(StandardCharsets.UTF_8));
        return redis.execute(connection -> connection.streamCommands()
                        .xGroupCreate(stream, group, ReadOffset.from("0-0"), true))
                .then()
                .onErrorResume(error -> String.valueOf(error.getMessage()).contains("BUSYGROUP")
                        ? Mono.empty() : Mono.error(error))
                .doOnSuccess(done -> groupReady = true);
    }

    private Mono<Void> apply(MapRecord<String, String, String> entry) {
        JsonNode event;
        try {
            event = json.readTree(String.valueOf(entry.getValue().get("event")));
        } catch (RuntimeException malformed) {
            log.warn("Ignoring entry {} on {}: not a CloudEvent", entry.getId(), EventStreams.ENTERPRISE);
            return Mono.empty();
        }
        String type = event.path("type").asString("");
        JsonNode data = event.path("data");
        String clientId = data.path("clientId").asString("");
        if (!type.startsWith("api_client.") || clientId.isBlank()) {
            return Mono.empty();
        }
        String key = HourlyRateLimiter.QUOTA_KEY.formatted("client:" + clientId);
        long quota = data.path("quotaPerHour").asLong(0);
        if (type.equals("api_client.revoked") || quota <= 0) {
            return redis.delete(key).then();
        }
        log.info("Contract quota of client {}: {} requests per hour", clientId, quota);
        return redis.opsForValue().set(key, Long.toString(quota)).then();
    }
}
