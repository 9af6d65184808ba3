package com.aifinance.billing.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.aifinance.billing.provider.ProviderName;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The inbox of verified webhook deliveries, keyed by (provider, event id): the second copy of an event is refused. */
@Component
public class WebhookInbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    WebhookInbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stored event as ops see it. */
    public record StoredEvent(ProviderName provider, String eventId, String type, Instant eventCreatedAt,
                              Instant receivedAt, String status, int attempts, String lastError, Instant processedAt) {
    }

    record Claimed(ProviderName provider, String eventId, String type, Instant createdAt, String payload, int attempts) {
    }

    /** @return false when this event was already stored (a duplicate delivery) */
    boolean store(VerifiedWebhook webhook) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        insert into webhook_events (provider, event_id, type, payload, event_created_at, received_at,
                            next_attempt_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(webhook.provider().code(), webhook.eventId(), webhook.type(), webhook.payload(),
                        webhook.createdAt().atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC),
                        now.atOffset(ZoneOffset.UTC))
                .update() == 1;
    }

    /** Held until the caller's transaction ends. */
    void lockBatches() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('billing.webhook_events.batch'))").query().singleRow();
    }

    /** Locks up to {@code limit} due events in arrival order; other instances skip them. */
    List<Claimed> claimDue(int limit) {
        return jdbc.sql("""
                        select provider, event_id, type, payload, event_created_at, attempts from webhook_events
                        where status = 'received' and next_attempt_at <= ? order by seq limit ?
                        for update skip locked""")
                .params(clock.instant().atOffset(ZoneOffset.UTC), limit)
                .query((rs, row) -> new Claimed(ProviderName.fromCode(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(5).toInstant(), rs.getString(4), rs.getInt(6)))
                .list();
    }

    void finish(Claimed event, String status, String note) {
        jdbc.sql("""
                        update webhook_events set status = ?, last_error = ?, attempts = attempts + 1, processed_at = ?
                        where provider = ? and event_id = ?""")
                .params(status, note, clock.instant().atOffset(ZoneOffset.UTC), event.provider().code(), event.eventId())
                .update();
    }

    void retryLater(Claimed event, String error, Instant at) {
        jdbc.sql("""
                        update webhook_events set attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                        where provider = ? and event_id = ?""")
                .params(error, at.atOffset(ZoneOffset.UTC), event.provider().code(), event.eventId())
                .update();
    }

    /** Puts a parked event back in the queue (after ops fixed what it was missing). */
    boolean replay(ProviderName provider, String eventId) {
        return jdbc.sql("""
                        update webhook_events set status = 'received', attempts = 0, next_attempt_at = ?
                        where provider = ? and event_id = ? and status = 'parked'""")
                .params(clock.instant().atOffset(ZoneOffset.UTC), provider.code(), eventId).update() == 1;
    }

    public List<StoredEvent> withStatus(String status, int limit) {
        return jdbc.sql("""
                        select provider, event_id, type, event_created_at, received_at, status, attempts, last_error,
                            processed_at from webhook_events where status = ? order by received_at desc limit ?""")
                .params(status, limit).query(WebhookInbox::map).list();
    }

    public Optional<StoredEvent> find(ProviderName provider, String eventId) {
        return jdbc.sql("""
                        select provider, event_id, type, event_created_at, received_at, status, attempts, last_error,
                            processed_at from webhook_events where provider = ? and event_id = ?""")
                .params(provider.code(), eventId).query(WebhookInbox::map).optional();
    }

    /** Which of {@code eventIds} we never received: for reconciliation against the provider's event list. */
    public Set<String> missing(ProviderName provider, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        Set<String> received = Set.copyOf(jdbc.sql("""
                        select event_id from webhook_events where provider = ? and event_id = any(?)""")
                .params(provider.code(), eventIds.toArray(String[]::new)).query(String.class).list());
        return eventIds.stream().filter(id -> !received.contains(id)).collect(java.util.stream.Collectors.toSet());
    }

    long count(String status) {
        return jdbc.sql("select count(*) from webhook_events where status = ?").param(status).query(Long.class).single();
    }

    private static StoredEvent map(ResultSet rs, int row) throws SQLException {
        return new StoredEvent(ProviderName.fromCode(rs.getString("provider")), rs.getString("event_id"),
                rs.getString("type"), instant(rs.getTimestamp("event_created_at")),
                instant(rs.getTimestamp("received_at")), rs.getString("status"), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs.getTimestamp("processed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
