package com.aifinance.subscription.authserver;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.subscription.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Each organisation's MFA policy, as enterprise-service announces it ({@code mfa_policy.changed}). An organisation it
 * has never announced requires MFA, which is enterprise-service's own default; enterprise organisations always do.
 */
@Component
class OrganisationMfaPolicies {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final MeterRegistry meters;
    private final Clock clock;

    OrganisationMfaPolicies(JdbcClient jdbc, AuditLog audit, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
    }

    boolean requiresMfa(UUID organisationId) {
        return known(organisationId).orElse(true);
    }

    /**
     * Applies {@code mfa_policy.changed}; runs in the consumer's transaction (the inbox drops a redelivered event). An
     * event older than the policy already applied is ignored, so a late one cannot undo a newer change.
     */
    void apply(EventEnvelope event) {
        JsonNode data = event.data();
        JsonNode required = data.path("mfaRequired");
        if (!required.isBoolean()) {
            meters.counter("aifa_identity_mfa_policy_events_total", "outcome", "malformed").increment();
            throw new IllegalArgumentException("mfa_policy.changed without a boolean mfaRequired");
        }
        UUID organisationId = UUID.fromString(data.path("organisationId").asString());
        Instant at = event.time() == null ? clock.instant() : event.time();
        JsonNode changedBy = data.path("changedBy");
        Optional<Boolean> before = known(organisationId);
        int applied = jdbc.sql("""
                        insert into organisation_mfa_policies (organisation_id, mfa_required, policy_at, changed_by, event_id)
                        values (:organisation, :required, :at, :by, :event)
                        on conflict (organisation_id) do update set mfa_required = excluded.mfa_required,
                            policy_at = excluded.policy_at, changed_by = excluded.changed_by, event_id = excluded.event_id
                        where organisation_mfa_policies.policy_at < excluded.policy_at""")
                .param("organisation", organisationId).param("required", required.asBoolean())
                .param("at", Timestamp.from(at))
                .param("by", changedBy.isMissingNode() || changedBy.isNull() ? null : changedBy.asString())
                .param("event", event.id()).update();
        String outcome = applied == 0 ? "out_of_order" : "applied";
        meters.counter("aifa_identity_mfa_policy_events_total", "outcome", outcome).increment();
        if (applied == 1) {
            audit.record("enterprise-service", "organisation.mfa_policy_applied", "organisation:" + organisationId,
                    Map.of("mfaRequired", before.map(String::valueOf).orElse("default (required)")),
                    Map.of("mfaRequired", required.asBoolean(), "eventId", event.id()));
        }
    }

    private Optional<Boolean> known(UUID organisationId) {
        return jdbc.sql("select mfa_required from organisation_mfa_policies where organisation_id = ?")
                .param(organisationId).query(Boolean.class).optional();
    }
}
