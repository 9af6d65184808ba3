package com.aifinance.subscription.audit;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail of security-relevant and ops actions: who, what, on which target, when, from which address, and the
 * state before and after. Written in the caller's transaction, so an action that rolls back leaves no entry.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper mapper;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Records an action; the remote address is the current HTTP request's, when there is one (behind the gateway, the
     * client's address from {@code X-Forwarded-For} of a trusted proxy).
     *
     * @param before the state before (any JSON-serialisable value, or null)
     * @param after  the state after (or null)
     */
    public void record(String actor, String action, String target, Object before, Object after) {
        jdbc.sql("""
                        insert into audit_log (occurred_at, actor, action, target, remote_address, before_state, after_state)
                        values (:at, :actor, :action, :target, :address, :before::jsonb, :after::jsonb)""")
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("action", action)
                .param("target", target)
                .param("address", currentRemoteAddress())
                .param("before", before == null ? null : mapper.writeValueAsString(before))
                .param("after", after == null ? null : mapper.writeValueAsString(after))
                .update();
    }

    /** The address of the HTTP request being served, or null outside a request (event handlers, schedulers). */
    public static String currentRemoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
