package com.aifinance.enterprise.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.aifinance.enterprise.access.AccessRefused;
import com.aifinance.enterprise.access.Actor;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the audit log: who did what to which organisation, when, from which address, and the state before and
 * after. Rows are never changed or deleted (a database trigger refuses it).
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate separateTransaction;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.separateTransaction = new TransactionTemplate(transactions);
        this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records an administrative action that succeeded; call it inside the transaction of the change so the two
     * commit together.
     *
     * @param before the state before (null when something was created)
     * @param after  the state after (null when something was removed)
     */
    public void record(Actor actor, UUID organisationId, String action, String target, Object before, Object after) {
        insert(actor, organisationId, action, target, "succeeded", before, after);
    }

    /** Refusals are kept even though the request that caused them fails. */
    @EventListener
    void onRefusal(AccessRefused refused) {
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("attempted", refused.attempted());
        attempt.put("reason", refused.reason());
        attempt.put("method", refused.method());
        attempt.put("path", refused.path());
        separateTransaction.executeWithoutResult(status -> insert(refused.actor(), refused.targetOrganisation(),
                "access.refused", refused.path(), "refused", null, attempt));
    }

    private void insert(Actor actor, UUID organisationId, String action, String target, String outcome,
                        Object before, Object after) {
        jdbc.sql("""
                        insert into audit_log (occurred_at, organisation_id, actor_subject, actor_organisation,
                                               actor_roles, actor_address, action, target, outcome, before, after)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")
                .params(Timestamp.from(clock.instant()), organisationId, actor.subject(), actor.organisation(),
                        String.join(" ", new TreeSet<>(actor.roles())), actor.address(), action, target, outcome,
                        before == null ? null : json.writeValueAsString(before),
                        after == null ? null : json.writeValueAsString(after))
                .update();
    }
}
