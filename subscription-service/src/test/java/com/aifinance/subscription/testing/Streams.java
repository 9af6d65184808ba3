package com.aifinance.subscription.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Publishes CloudEvents to a platform stream the way another service's outbox relay does. */
public final class Streams {

    private static final JsonMapper JSON = new JsonMapper();

    private Streams() {
    }

    public static String publish(StringRedisTemplate redis, String stream, String eventId, String source, String type,
                                 String subject, Instant time, Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", eventId);
        envelope.put("source", source);
        envelope.put("type", type);
        envelope.put("subject", subject);
        envelope.put("time", time.toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", data);
        redis.opsForStream().add(StreamRecords.string(Map.of("event", JSON.writeValueAsString(envelope)))
                .withStreamKey(stream));
        return eventId;
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
