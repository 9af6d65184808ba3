package com.aifinance.queuemonitor.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.aifinance.common.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit trail of operator actions on queues ({@code queue_actions}): who (the token's subject), from where (the
 * connection's address, and the X-Forwarded-For chain as given), what, on which entries, and why. Recorded in the
 * transaction around the action, so an action that fails leaves no record and a record that cannot be written stops
 * the action.
 */
@Component
public class QueueAudit {

    private final JdbcClient jdbc;
    private final Clock clock;

    public QueueAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * An audited action.
     *
     * @param forwardedFor the X-Forwarded-For header as received (set by the gateway; informative, not proof)
     */
    public record Action(long id, String action, String stream, String consumerGroup, String entryId, String actor,
                         String address, String forwardedFor, String reason, int affected, Instant createdAt) {
    }

    /** Records an action of the current request's caller; must run inside the action's transaction. */
    public void record(String action, String stream, String group, String entryId, String reason, int affected) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an operator action is audited inside its transaction");
        }
        String actor = Caller.current().map(Caller::subject)
                .orElseThrow(() -> new IllegalStateException("an operator action needs an authenticated caller"));
        String address = null;
        String forwardedFor = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            address = request.getRemoteAddr();
            forwardedFor = request.getHeader("X-Forwarded-For");
        }
        jdbc.sql("""
                        insert into queue_actions (action, stream, consumer_group, entry_id, actor, address, forwarded_for,
                            reason, affected, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(action, stream, group, entryId, actor, address,
                        forwardedFor == null ? null : forwardedFor.substring(0, Math.min(500, forwardedFor.length())),
                        reason, affected, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
    }

    public List<Action> page(String stream, String action, int page, int size) {
        return jdbc.sql("""
                        select * from queue_actions
                         where (cast(:stream as text) is null or stream = :stream)
                           and (cast(:action as text) is null or action = :action)
                         order by created_at desc, id desc limit :size offset :offset""")
                .param("stream", stream).param("action", action).param("size", size).param("offset", (long) page * size)
                .query(QueueAudit::action).list();
    }

    public long count(String stream, String action) {
        return jdbc.sql("""
                        select count(*) from queue_actions
                         where (cast(:stream as text) is null or stream = :stream)
                           and (cast(:action as text) is null or action = :action)""")
                .param("stream", stream).param("action", action)
                .query(Long.class).single();
    }

    private static Action action(ResultSet rs, int row) throws SQLException {
        OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
        return new Action(rs.getLong("id"), rs.getString("action"), rs.getString("stream"),
                rs.getString("consumer_group"), rs.getString("entry_id"), rs.getString("actor"),
                rs.getString("address"), rs.getString("forwarded_for"), rs.getString("reason"), rs.getInt("affected"),
                created == null ? null : created.toInstant());
    }
}
