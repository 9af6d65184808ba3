package com.aifinance.queuemonitor.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Requests that never became a delivery, with the reason: what ops read when someone says "I got nothing". */
@Component
class RejectionLog {

    private final JdbcClient jdbc;

    RejectionLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Rejected(long id, String eventId, String notificationId, String template, String channel, String userId,
                    String reason, Instant rejectedAt) {
    }

    void record(String eventId, String notificationId, String template, String channel, String userId, String reason,
                String payload, Instant now) {
        jdbc.sql("""
                        insert into notification_rejections (event_id, notification_id, template, channel, user_id, reason,
                            payload, rejected_at)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
                .params(eventId, notificationId, template, channel, userId, reason, payload, DeliveryQueue.time(now))
                .update();
    }

    List<Rejected> page(int page, int size) {
        return jdbc.sql("select * from notification_rejections order by rejected_at desc, id desc limit ? offset ?")
                .params(size, (long) page * size)
                .query(RejectionLog::rejected).list();
    }

    long count() {
        return jdbc.sql("select count(*) from notification_rejections").query(Long.class).single();
    }

    List<Rejected> forEvent(String eventId) {
        return jdbc.sql("select * from notification_rejections where event_id = ? order by id").param(eventId)
                .query(RejectionLog::rejected).list();
    }

    private static Rejected rejected(ResultSet rs, int row) throws SQLException {
        return new Rejected(rs.getLong("id"), rs.getString("event_id"), rs.getString("notification_id"),
                rs.getString("template"), rs.getString("channel"), rs.getString("user_id"), rs.getString("reason"),
                DeliveryQueue.instant(rs, "rejected_at"));
    }
}
