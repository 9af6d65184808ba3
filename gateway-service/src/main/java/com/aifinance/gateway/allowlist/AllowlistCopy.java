package com.aifinance.gateway.allowlist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last full load any gateway replica made, kept in Redis with the stream position it stands at: a replica that
 * starts while enterprise-service is unreachable takes it, then reads {@code allowlist.changed} on from that
 * position, so it enforces the lists in force instead of refusing every organisation's requests. The position is
 * the stream's newest entry taken <em>before</em> the load was requested, so every change after it is read again.
 */
final class AllowlistCopy {

    /** What a replica starts from. */
    record Saved(List<PublishedAllowlist> lists, String streamPosition, Instant loadedAt) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final String key;
    private final JsonMapper json;
    private final Duration timeout;

    AllowlistCopy(ReactiveStringRedisTemplate redis, String key, JsonMapper json, Duration timeout) {
        this.redis = redis;
        this.key = key;
        this.json = json;
        this.timeout = timeout;
    }

    Mono<Void> save(List<PublishedAllowlist> lists, String streamPosition, Instant loadedAt) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (PublishedAllowlist list : lists) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("organisationId", list.organisationId());
            entry.put("version", list.version());
            entry.put("cidrs", list.cidrs());
            entries.add(entry);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("streamPosition", streamPosition);
        document.put("loadedAt", loadedAt.toString());
        document.put("lists", entries);
        return redis.opsForValue().set(key, json.writeValueAsString(document)).timeout(timeout).then();
    }

    /** The saved load, or empty when no replica has saved one. */
    Mono<Saved> load() {
        return redis.opsForValue().get(key).timeout(timeout).map(this::read);
    }

    private Saved read(String value) {
        JsonNode document = json.readTree(value);
        String position = document.path("streamPosition").asString("");
        if (!position.matches("[0-9]+-[0-9]+")) {
            throw new IllegalStateException("the saved allowlists in " + key + " have no stream position");
        }
        List<PublishedAllowlist> lists = new ArrayList<>();
        for (JsonNode entry : document.path("lists")) {
            lists.add(EnterpriseAllowlists.read(entry));
        }
        return new Saved(lists, position, Instant.parse(document.path("loadedAt").asString()));
    }
}
