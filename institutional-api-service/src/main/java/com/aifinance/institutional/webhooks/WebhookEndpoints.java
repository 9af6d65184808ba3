package com.aifinance.institutional.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Client webhook endpoints, their encrypted secrets, deliveries and attempts. */
@Repository
class WebhookEndpoints {

    /** An endpoint with its decrypted secrets (never returned by the API after creation or rotation). */
    record Endpoint(UUID id, String clientId, String url, String description, boolean active, Instant createdAt,
                    Instant secretRotatedAt, Instant previousSecretValidUntil) {
    }

    record Delivery(UUID id, UUID endpointId, String eventId, String eventType, String payload, String status,
                    int attempts, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {
    }

    record Attempt(int attempt, Instant attemptedAt, Integer statusCode, String error, long durationMs) {
    }

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    WebhookEndpoints(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Creates an endpoint; returns it with its new secret (shown once). */
    String create(UUID id, String clientId, String url, String description) {
        String secret = SecretCipher.newSecret();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into webhook_endpoints (id, client_id, url, description, secret_ciphertext, created_at,
                            secret_rotated_at) values (?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(id, clientId, url, description, cipher.encrypt(secret), Timestamp.from(now), Timestamp.from(now))
                .update();
        return secret;
    }

    int countActive(String clientId) {
        return jdbc.sql("select count(*) from webhook_endpoints where client_id = ? and active").param(clientId)
                .query(Integer.class).single();
    }

    List<Endpoint> ofClient(String clientId) {
        return jdbc.sql(SELECT + " where client_id = ? and active order by created_at").param(clientId)
                .query(WebhookEndpoints::endpoint).list();
    }

    Optional<Endpoint> find(String clientId, UUID id) {
        return jdbc.sql(SELECT + " where client_id = ? and id = ? and active").params(clientId, id)
                .query(WebhookEndpoints::endpoint).optional();
    }

    List<Endpoint> allActive() {
        return jdbc.sql(SELECT + " where active").query(WebhookEndpoints::endpoint).list();
    }

    /** Deactivates the endpoint and drops its pending deliveries. */
    boolean deactivate(String clientId, UUID id) {
        boolean removed = jdbc.sql("update webhook_endpoints set active = false where client_id = ? and id = ? and active")
                .params(clientId, id).update() == 1;
        if (removed) {
            jdbc.sql("update webhook_deliveries set status = 'failed' where endpoint_id = ? and status = 'pending'")
                    .param(id).update();
        }
        return removed;
    }

    /** A new secret; the previous one keeps signing until {@code previousValidUntil}. */
    Optional<String> rotate(String clientId, UUID id, Instant previousValidUntil) {
        String secret = SecretCipher.newSecret();
        int updated = jdbc.sql("""
                        update webhook_endpoints set previous_secret_ciphertext = secret_ciphertext,
                            previous_secret_valid_until = ?, secret_ciphertext = ?, secret_rotated_at = ?
                        where client_id = ? and id = ? and active
                        """)
                .params(Timestamp.from(previousValidUntil), cipher.encrypt(secret), Timestamp.from(clock.instant()),
                        clientId, id)
                .update();
        return updated == 1 ? Optional.of(secret) : Optional.empty();
    }

    /** The secrets that sign now: the current one, and the previous one while it overlaps. */
    List<String> signingSecrets(UUID id, Instant now) {
        return jdbc.sql("""
                        select secret_ciphertext, previous_secret_ciphertext, previous_secret_valid_until
                        from webhook_endpoints where id = ?
                        """)
                .param(id)
                .query((rs, n) -> {
                    List<String> secrets = new ArrayList<>();
                    secrets.add(cipher.decrypt(rs.getString(1)));
                    Timestamp until = rs.getTimestamp(3);
                    if (rs.getString(2) != null && until != null && until.toInstant().isAfter(now)) {
                        secrets.add(cipher.decrypt(rs.getString(2)));
                    }
                    return secrets;
                })
                .single();
    }

    /** An endpoint's stored ciphertexts, as a re-encryption reads them. */
    record StoredSecrets(UUID id, String secret, String previousSecret) {
    }

    /** Endpoints (active or not) after {@code after} whose secrets are not all under {@code keyPrefix}, by id. */
    List<StoredSecrets> notUnderKey(String keyPrefix, UUID after, int limit) {
        return jdbc.sql("""
                        select id, secret_ciphertext, previous_secret_ciphertext from webhook_endpoints
                        where id > ? and (not starts_with(secret_ciphertext, ?)
                            or (previous_secret_ciphertext is not null and not starts_with(previous_secret_ciphertext, ?)))
                        order by id limit ?
                        """)
                .params(after, keyPrefix, keyPrefix, limit)
                .query((rs, n) -> new StoredSecrets(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list();
    }

    int countNotUnderKey(String keyPrefix) {
        return jdbc.sql("""
                        select count(*) from webhook_endpoints where not starts_with(secret_ciphertext, ?)
                            or (previous_secret_ciphertext is not null and not starts_with(previous_secret_ciphertext, ?))
                        """)
                .params(keyPrefix, keyPrefix).query(Integer.class).single();
    }

    /** Replaces the ciphertexts only if they are still {@code read}: a rotation in between wins. */
    boolean replaceCiphertexts(StoredSecrets read, String secret, String previousSecret) {
        return jdbc.sql("""
                        update webhook_endpoints set secret_ciphertext = ?, previous_secret_ciphertext = ?
                        where id = ? and secret_ciphertext = ? and previous_secret_ciphertext is not distinct from ?
                        """)
                .params(secret, previousSecret, read.id(), read.secret(), read.previousSecret())
                .update() == 1;
    }

    Optional<String> url(UUID id) {
        return jdbc.sql("select url from webhook_endpoints where id = ? and active").param(id).query(String.class).optional();
    }

    void enqueue(UUID endpointId, String eventId, String eventType, String payload) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status,
                            next_attempt_at, created_at) values (?, ?, ?, ?, ?, 'pending', ?, ?)
                        on conflict (endpoint_id, event_id) do nothing
                        """)
                .params(UUID.randomUUID(), endpointId, eventId, eventType, payload, now, now).update();
    }

    List<Delivery> deliveries(UUID endpointId, int limit) {
        return jdbc.sql(DELIVERY + " where endpoint_id = ? order by created_at desc limit ?").params(endpointId, limit)
                .query(WebhookEndpoints::delivery).list();
    }

    List<Attempt> attempts(UUID deliveryId) {
        return jdbc.sql("""
                        select attempt, attempted_at, status_code, error, duration_ms from webhook_attempts
                        where delivery_id = ? order by attempt
                        """)
                .param(deliveryId)
                .query((rs, n) -> new Attempt(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        (Integer) rs.getObject(3), rs.getString(4), rs.getLong(5)))
                .list();
    }

    private static final String SELECT = """
            select id, client_id, url, description, active, created_at, secret_rotated_at, previous_secret_valid_until
            from webhook_endpoints""";

    static final String DELIVERY = """
            select id, endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at,
                   delivered_at from webhook_deliveries""";

    private static Endpoint endpoint(ResultSet rs, int row) throws SQLException {
        Timestamp until = rs.getTimestamp(8);
        return new Endpoint(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getBoolean(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                until == null ? null : until.toInstant());
    }

    static Delivery delivery(ResultSet rs, int row) throws SQLException {
        Timestamp delivered = rs.getTimestamp(10);
        return new Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7), rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9).toInstant(), delivered == null ? null : delivered.toInstant());
    }
}
