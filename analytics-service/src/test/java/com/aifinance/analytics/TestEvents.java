package com.aifinance.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventEnvelope;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Publishes events onto the platform's Redis streams the way a producer's outbox relay does (one {@code event}
 * field holding a CloudEvent), so tests exercise the real consumers, and waits until they are handled.
 */
public final class TestEvents {

    private final StringRedisTemplate redis;
    private final JdbcClient jdbc;
    private final JsonMapper mapper;
    private final List<String> published = new ArrayList<>();

    public TestEvents(StringRedisTemplate redis, JdbcClient jdbc, JsonMapper mapper) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Publishes an event stamped {@code time}; returns its envelope. */
    public EventEnvelope publish(String stream, String type, String subject, Instant time, Map<String, ?> data) {
        EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(),
                "/test-producer", type, subject, time, "application/json", mapper.valueToTree(data), null);
        publish(stream, envelope);
        return envelope;
    }

    /** Publishes an envelope as it is (a redelivery publishes the same one again). */
    public void publish(String stream, EventEnvelope envelope) {
        MapRecord<String, String, String> record = StreamRecords.newRecord().in(stream)
                .ofMap(Map.of("event", mapper.writeValueAsString(envelope)));
        redis.opsForStream().add(record);
        published.add(envelope.id());
    }

    /** Waits until the analytics consumers have handled every event published so far. */
    public void awaitHandled() {
        awaitHandled(java.util.Set.copyOf(published));
    }

    public void awaitHandled(Collection<String> eventIds) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.sql("select count(*) from event_inbox where event_id in (:ids)").param("ids", eventIds)
                        .query(Long.class).single() == eventIds.size());
    }
}
