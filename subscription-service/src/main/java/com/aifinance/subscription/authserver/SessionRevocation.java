package com.aifinance.subscription.authserver;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.aifinance.subscription.account.AccountEvents;
import com.aifinance.subscription.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Ends everything that lets a user get new tokens without logging in again: their login sessions here (in Redis,
 * found by the principal index) and their authorizations (refresh tokens, codes in flight). Access tokens already
 * issued lapse within 15 minutes. Used when a member is removed from their organisation (issue 6) and when a password
 * is reset.
 */
@Component
class SessionRevocation {

    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final MeterRegistry meters;

    /** Sessions exist only in the web application (not when the service runs a command such as the import). */
    SessionRevocation(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions, JdbcClient jdbc, AuditLog audit,
                      MeterRegistry meters) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.audit = audit;
        this.meters = meters;
    }

    /**
     * Runs in the caller's transaction; the sessions are deleted at once (deleting them again on a retry is harmless).
     */
    void revokeAll(UUID userId, String reason, String actor) {
        int authorizations = jdbc.sql("delete from oauth2_authorization where principal_name = ?")
                .param(userId.toString()).update();
        Set<String> ended = Set.of();
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository != null) {
            ended = Set.copyOf(repository.findByPrincipalName(userId.toString()).keySet());
            ended.forEach(repository::deleteById);
        }
        audit.record(actor, "sessions.revoked", "user:" + userId, null,
                Map.of("reason", reason, "loginSessions", ended.size(), "authorizations", authorizations));
        meters.counter("aifa_identity_sessions_revoked_total", "reason", reason).increment();
    }

    /** A reset password ends every login made with the old one. */
    @EventListener
    void passwordReset(AccountEvents.PasswordReset reset) {
        revokeAll(reset.userId(), "password_reset", "user:" + reset.userId());
    }
}
