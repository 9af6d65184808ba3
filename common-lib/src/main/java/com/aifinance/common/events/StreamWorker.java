package com.aifinance.common.events;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one stream as a member of this service's consumer group. Each entry is handled in a transaction that also
 * records its event id in the inbox, then acknowledged; an entry handled before (a redelivery) is acknowledged
 * without running the handler again. Entries left pending by a failure or a dead instance are taken over with
 * XAUTOCLAIM, and after {@code maxDeliveries} attempts they move to the stream's dead-letter stream.
 */
final class StreamWorker {

    private static final Logger log = LoggerFactory.getLogger(StreamWorker.class);

    private final EventSubscription subscription;
    private final String group;
    private final String consumer;
    private final EventsProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RedisStreamConnections connections;
    private final JsonMapper mapper;
    private final MeterRegistry meters;
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;
    private StatefulRedisConnection<String, String> connection;
    private Instant nextClaim = Instant.EPOCH;
    private Instant quietUntil = Instant.EPOCH;

    StreamWorker(EventSubscription subscription, EventsProperties properties, JdbcClient jdbc,
                 TransactionTemplate transactions, RedisStreamConnections connections, JsonMapper mapper,
                 MeterRegistry meters) {
        this.subscription = subscription;
        this.group = properties.consumerGroup();
        this.consumer = properties.consumerName();
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.connections = connections;
        this.mapper = mapper;
        this.meters = meters;
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().name("events-" + subscription.stream()).daemon().start(this::loop);
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeConnection();
    }

    private void loop() {
        boolean groupReady = false;
        while (running) {
            try {
                RedisCommands<String, String> redis = commands();
                if (!groupReady) {
                    createGroup(redis);
                    groupReady = true;
                }
                if (redis.exists(EventStreams.pauseKey(subscription.stream(), group)) > 0) {
                    Thread.sleep(properties.block());
                    continue;
                }
                if (Instant.now().isAfter(nextClaim)) {
                    claimStuckEntries(redis);
                    nextClaim = Instant.now().plus(properties.claimInterval());
                }
                List<StreamMessage<String, String>> entries = redis.xreadgroup(Consumer.from(group, consumer),
                        XReadArgs.Builder.count(properties.batchSize()).block(properties.block()),
                        XReadArgs.StreamOffset.lastConsumed(subscription.stream()));
                if (!entries.isEmpty() && redis.exists(EventStreams.pauseKey(subscription.stream(), group)) > 0) {
                    // paused while the read was blocking: leave the batch pending; it is claimed after the resume
                    continue;
                }
                for (StreamMessage<String, String> entry : entries) {
                    process(redis, entry, 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                    groupReady = false;
                }
                complain("Reading " + subscription.stream() + " failed; retrying: " + e);
                closeConnection();
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    private void createGroup(RedisCommands<String, String> redis) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(subscription.stream(), "0"), group,
                    XGroupCreateArgs.Builder.mkstream(true));
        } catch (RedisBusyException alreadyExists) {
            // another instance created it
        }
    }

    /** Takes over entries that stayed pending longer than the claim idle time, including this worker's failures. */
    private void claimStuckEntries(RedisCommands<String, String> redis) {
        String cursor = "0-0";
        do {
            ClaimedMessages<String, String> claimed = redis.xautoclaim(subscription.stream(),
                    XAutoClaimArgs.Builder.xautoclaim(Consumer.from(group, consumer), properties.claimMinIdle(), cursor)
                            .count(properties.batchSize()));
            List<StreamMessage<String, String>> entries = claimed.getMessages();
            if (!entries.isEmpty()) {
                Map<String, Long> deliveries = deliveryCounts(redis, entries);
                for (StreamMessage<String, String> entry : entries) {
                    process(redis, entry, deliveries.getOrDefault(entry.getId(), (long) properties.maxDeliveries() + 1));
                }
            }
            cursor = claimed.getId();
        } while (running && !"0-0".equals(cursor));
    }

    private Map<String, Long> deliveryCounts(RedisCommands<String, String> redis, List<StreamMessage<String, String>> entries) {
        Map<String, Long> counts = new HashMap<>();
        List<PendingMessage> pending = redis.xpending(subscription.stream(), Consumer.from(group, consumer),
                Range.create(entries.getFirst().getId(), entries.getLast().getId()), Limit.from(entries.size() * 2L));
        for (PendingMessage message : pending) {
            counts.put(message.getId(), message.getRedeliveryCount());
        }
        return counts;
    }

    private void process(RedisCommands<String, String> redis, StreamMessage<String, String> entry, long deliveries) {
        String stream = subscription.stream();
        Map<String, String> body = entry.getBody();
        if (body == null || body.get("event") == null) {
            deadLetter(redis, entry, "the entry has no event field (deleted or not written by an outbox)", deliveries);
            return;
        }
        EventEnvelope event;
        try {
            event = mapper.readValue(body.get("event"), EventEnvelope.class);
        } catch (RuntimeException malformed) {
            deadLetter(redis, entry, "malformed event: " + malformed.getMessage(), deliveries);
            return;
        }
        if (deliveries > properties.maxDeliveries()) {
            String lastError = lastErrors.getOrDefault(entry.getId(), "failed in an instance that stopped");
            deadLetter(redis, entry, "gave up after " + (deliveries - 1) + " attempts; last error: " + lastError, deliveries);
            return;
        }
        try {
            transactions.executeWithoutResult(status -> {
                int firstTime = jdbc.sql("""
                                insert into event_inbox (consumer_group, event_id, stream, type)
                                values (?, ?, ?, ?) on conflict do nothing""")
                        .params(group, event.id(), stream, event.type())
                        .update();
                if (firstTime == 1) {
                    try {
                        subscription.handler().handle(event);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new EventHandlingException(e);
                    }
                } else {
                    meters.counter("aifa.events.duplicates", "stream", stream).increment();
                }
            });
            redis.xack(stream, group, entry.getId());
            lastErrors.remove(entry.getId());
            meters.counter("aifa.events.handled", "stream", stream, "type", event.type()).increment();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof EventHandlingException ? e.getCause() : e;
            lastErrors.put(entry.getId(), cause.toString());
            meters.counter("aifa.events.failures", "stream", stream, "type", event.type()).increment();
            log.warn("Handling {} {} from {} failed (attempt {} of {}): {}", event.type(), event.id(), stream,
                    deliveries, properties.maxDeliveries(), cause.toString());
        }
    }

    private void deadLetter(RedisCommands<String, String> redis, StreamMessage<String, String> entry, String reason,
                            long deliveries) {
        String stream = subscription.stream();
        Map<String, String> letter = new HashMap<>();
        if (entry.getBody() != null) {
            letter.putAll(entry.getBody());
        }
        letter.put("reason", reason);
        letter.put("stream", stream);
        letter.put("group", group);
        letter.put("entryId", entry.getId());
        letter.put("deliveries", String.valueOf(deliveries));
        letter.put("deadLetteredAt", Instant.now().toString());
        redis.xadd(EventStreams.deadLetterOf(stream),
                XAddArgs.Builder.maxlen(properties.streamMaxLength()).approximateTrimming(), letter);
        redis.xack(stream, group, entry.getId());
        lastErrors.remove(entry.getId());
        meters.counter("aifa.events.dead.lettered", "stream", stream).increment();
        log.error("Moved entry {} of {} to {}: {}", entry.getId(), stream, EventStreams.deadLetterOf(stream), reason);
    }

    private synchronized RedisCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            connection = connections.open(properties.block().plusSeconds(5));
        }
        return connection.sync();
    }

    private synchronized void closeConnection() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }

    private void complain(String message) {
        if (Instant.now().isAfter(quietUntil)) {
            log.warn(message);
            quietUntil = Instant.now().plusSeconds(30);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class EventHandlingException extends RuntimeException {
        EventHandlingException(Throwable cause) {
            super(cause);
        }
    }
}
