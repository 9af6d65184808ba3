package com.aifinance.dashboard.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running local platform the journeys drive: its public URL (the gateway), the demo users the launcher seeded
 * ({@code ${AIFA_LOCAL_DIR}/data/demo-credentials.json}) and its Redis (the event streams, for the e-mail that has
 * no real mail server to go to).
 */
final class Platform {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record DemoUser(String role, String email, String password, String totpSecret) {
    }

    private Platform() {
    }

    static String url() {
        return System.getProperty("aifa.platform.url", "http://localhost:8080");
    }

    static Path localDirectory() {
        String configured = System.getenv("AIFA_LOCAL_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // the tests run in the module's folder; the platform keeps .local in the checkout
        return Path.of("..", ".local");
    }

    static DemoUser demo(String role) {
        Path file = localDirectory().resolve("data").resolve("demo-credentials.json");
        try {
            JsonNode users = JSON.readTree(Files.readString(file)).path("users");
            for (JsonNode user : users) {
                if (role.equals(user.path("role").asString())) {
                    return new DemoUser(role, user.path("email").asString(), user.path("password").asString(),
                            user.hasNonNull("totpSecret") ? user.path("totpSecret").asString() : null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (is the local platform running?)", e);
        }
        throw new IllegalStateException("no demo user with role " + role + " in " + file);
    }

    static StatefulRedisConnection<String, String> redis() {
        String url = Optional.ofNullable(System.getenv("REDIS_URL")).filter(value -> !value.isBlank())
                .orElse("redis://127.0.0.1:" + Optional.ofNullable(System.getenv("AIFA_REDIS_PORT")).orElse("16379"));
        return RedisClient.create(url).connect();
    }

    /**
     * The link of the verification e-mail sent to {@code email}: read from the {@code notification.requested} event
     * on {@code aifa.notify}, since the local platform has no mail server.
     */
    static String verificationLink(String email, Duration wait) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        try (StatefulRedisConnection<String, String> redis = redis()) {
            while (Instant.now().isBefore(deadline)) {
                List<StreamMessage<String, String>> entries = redis.sync().xrevrange("aifa.notify",
                        Range.create("-", "+"), Limit.from(500));
                for (StreamMessage<String, String> entry : entries) {
                    JsonNode event = JSON.readTree(entry.getBody().getOrDefault("event", "{}"));
                    JsonNode data = event.path("data");
                    if ("email_verification".equals(data.path("template").asString())
                            && email.equalsIgnoreCase(data.path("recipient").path("email").asString())) {
                        return data.path("params").path("verificationUrl").asString();
                    }
                }
                Thread.sleep(1000);
            }
        }
        throw new IllegalStateException("no verification e-mail for " + email + " on aifa.notify within " + wait);
    }

    /**
     * Puts an entry that is not a CloudEvent on {@code stream}; the consumer groups dead-letter such an entry at
     * once. Returns the id of the dead letter once it is there.
     */
    static String deadLetter(String stream, String marker, Duration wait) throws InterruptedException {
        try (StatefulRedisConnection<String, String> redis = redis()) {
            String original = redis.sync().xadd(stream, Map.of("event", "browser test " + marker + ": not a CloudEvent"));
            Instant deadline = Instant.now().plus(wait);
            while (Instant.now().isBefore(deadline)) {
                for (StreamMessage<String, String> letter : redis.sync().xrevrange(stream + ".dlq",
                        Range.create("-", "+"), Limit.from(500))) {
                    if (original.equals(letter.getBody().get("entryId"))
                            || letter.getBody().values().stream().anyMatch(value -> value.contains(marker))) {
                        return letter.getId();
                    }
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("entry " + original + " of " + stream + " was not dead-lettered within " + wait);
        }
    }
}
