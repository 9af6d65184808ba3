package com.aifinance.queuemonitor.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.queuemonitor.notification.provider.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The durable delivery queue in PostgreSQL. Dispatchers claim due rows with {@code FOR UPDATE SKIP LOCKED} and hold
 * them under a lease; a row whose lease ran out (its instance died mid-delivery) is claimed again, so nothing
 * accepted from the stream is lost. Every state change is fenced on the lease holder.
 */
@Component
class DeliveryQueue {

    /** Templates whose params hold one-time codes: the code is erased once the delivery is finished. */
    private static final String ERASE_CODES = """
            params = case when template in ('mfa_code', 'address_verification') then params - 'code' else params end""";

    private final JdbcClient jdbc;

    DeliveryQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NewDelivery(String notificationId, String eventId, String userId, String template, Channel channel,
                       String address, String tier, String priority, String params, Instant requestedAt) {
    }

    /** Adds a delivery (once per notification and channel); parked when {@code parkedBecause} is not null. */
    Optional<UUID> enqueue(NewDelivery delivery, String parkedBecause, Instant now) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into notification_deliveries (id, notification_id, event_id, user_id, template, channel, address,
                            tier, priority, params, status, next_attempt_at, last_error, requested_at, queued_at, updated_at)
                        values (:id, :notificationId, :eventId, :userId, :template, :channel, :address, :tier, :priority,
                            :params::jsonb, :status, :now, :lastError, :requestedAt, :now, :now)
                        on conflict (notification_id, channel) do nothing""")
                .param("id", id)
                .param("notificationId", delivery.notificationId())
                .param("eventId", delivery.eventId())
                .param("userId", delivery.userId())
                .param("template", delivery.template())
                .param("channel", delivery.channel().id())
                .param("address", delivery.address())
                .param("tier", delivery.tier())
                .param("priority", delivery.priority())
                .param("params", delivery.params())
                .param("status", parkedBecause == null ? Delivery.QUEUED : Delivery.PARKED)
                .param("lastError", parkedBecause)
                .param("requestedAt", time(delivery.requestedAt()))
                .param("now", time(now))
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /** Leases up to {@code limit} due deliveries of {@code channel}, including those whose lease expired. */
    List<Delivery> claim(Channel channel, String worker, int limit, Instant now, Duration lease) {
        return jdbc.sql("""
                        update notification_deliveries d
                           set status = 'sending', attempts = d.attempts + 1, lease_until = :leaseUntil,
                               leased_by = :worker, updated_at = :now
                         where d.id in (select id from notification_deliveries
                                         where channel = :channel
                                           and ((status = 'queued' and next_attempt_at <= :now)
                                             or (status = 'sending' and lease_until < :now))
                                         order by (priority = 'high') desc, next_attempt_at
                                         limit :limit
                                         for update skip locked)
                        returning d.*""")
                .param("leaseUntil", time(now.plus(lease)))
                .param("worker", worker)
                .param("now", time(now))
                .param("channel", channel.id())
                .param("limit", limit)
                .query(DeliveryQueue::delivery)
                .list();
    }

    boolean delivered(UUID id, String worker, String providerMessageId, Instant now) {
        return jdbc.sql("""
                        update notification_deliveries
                           set status = 'delivered', provider_message_id = :providerId, delivered_at = :now,
                               lease_until = null, last_error = null, updated_at = :now, %s
                         where id = :id and status = 'sending' and leased_by = :worker""".formatted(ERASE_CODES))
                .param("providerId", providerMessageId).param("now", time(now)).param("id", id).param("worker", worker)
                .update() == 1;
    }

    boolean retryLater(UUID id, String worker, String error, Instant next, Instant now) {
        return jdbc.sql("""
                        update notification_deliveries
                           set status = 'queued', next_attempt_at = :next, last_error = :error, lease_until = null,
                               updated_at = :now
                         where id = :id and status = 'sending' and leased_by = :worker""")
                .param("next", time(next)).param("error", error).param("now", time(now)).param("id", id)
                .param("worker", worker)
                .update() == 1;
    }

    boolean deadLetter(UUID id, String worker, String reason, Instant now) {
        return jdbc.sql("""
                        update notification_deliveries
                           set status = 'dead_lettered', last_error = :reason, lease_until = null, updated_at = :now, %s
                         where id = :id and status = 'sending' and leased_by = :worker""".formatted(ERASE_CODES))
                .param("reason", reason).param("now", time(now)).param("id", id).param("worker", worker)
                .update() == 1;
    }

    /** Puts parked deliveries of a channel that is now configured back in the queue. */
    int unpark(Channel channel, Instant now) {
        return jdbc.sql("""
                        update notification_deliveries set status = 'queued', next_attempt_at = :now, updated_at = :now
                         where channel = :channel and status = 'parked'""")
                .param("now", time(now)).param("channel", channel.id())
                .update();
    }

    /** An operator's retry of a dead-lettered or parked delivery: a fresh set of attempts. */
    boolean requeue(UUID id, Instant now) {
        return jdbc.sql("""
                        update notification_deliveries set status = 'queued', attempts = 0, next_attempt_at = :now,
                               updated_at = :now
                         where id = :id and status in ('dead_lettered', 'parked')""")
                .param("now", time(now)).param("id", id)
                .update() == 1;
    }

    Optional<Delivery> find(UUID id) {
        return jdbc.sql("select * from notification_deliveries where id = ?").param(id)
                .query(DeliveryQueue::delivery).optional();
    }

    List<Delivery> page(String status, Channel channel, int page, int size) {
        return jdbc.sql("""
                        select * from notification_deliveries
                         where (cast(:status as text) is null or status = :status)
                           and (cast(:channel as text) is null or channel = :channel)
                         order by updated_at desc, id
                         limit :size offset :offset""")
                .param("status", status).param("channel", channel == null ? null : channel.id())
                .param("size", size).param("offset", (long) page * size)
                .query(DeliveryQueue::delivery).list();
    }

    long count(String status, Channel channel) {
        return jdbc.sql("""
                        select count(*) from notification_deliveries
                         where (cast(:status as text) is null or status = :status)
                           and (cast(:channel as text) is null or channel = :channel)""")
                .param("status", status).param("channel", channel == null ? null : channel.id())
                .query(Long.class).single();
    }

    /** Deliveries per channel and status (delivered ones left out: they only grow). */
    Map<Channel, Map<String, Long>> backlog() {
        Map<Channel, Map<String, Long>> counts = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            Map<String, Long> statuses = new HashMap<>();
            for (String status : List.of(Delivery.QUEUED, Delivery.SENDING, Delivery.DEAD_LETTERED, Delivery.PARKED)) {
                statuses.put(status, 0L);
            }
            counts.put(channel, statuses);
        }
        jdbc.sql("""
                        select channel, status, count(*) as n from notification_deliveries
                         where status <> 'delivered' group by channel, status""")
                .query((rs, row) -> {
                    String status = rs.getString("status");
                    long count = rs.getLong("n");
                    Channel.of(rs.getString("channel")).ifPresent(channel -> counts.get(channel).put(status, count));
                    return status;
                }).list();
        return counts;
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getString("notification_id"), rs.getString("event_id"),
                rs.getString("user_id"), rs.getString("template"), Channel.of(rs.getString("channel")).orElseThrow(),
                rs.getString("address"), rs.getString("tier"), rs.getString("priority"), rs.getString("params"),
                rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "lease_until"),
                rs.getString("leased_by"), rs.getString("last_error"), rs.getString("provider_message_id"),
                instant(rs, "requested_at"), instant(rs, "queued_at"), instant(rs, "delivered_at"));
    }
}
