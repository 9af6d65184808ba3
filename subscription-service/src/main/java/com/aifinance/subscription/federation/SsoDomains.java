package com.aifinance.subscription.federation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.subscription.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Which e-mail domains log in through their organisation's identity provider, kept from enterprise-service's
 * {@code sso.configured} events. Routing a login needs no call to enterprise-service (so it works, and enforcement
 * holds, while that service is down); only the client secret, which never travels in events, is fetched when a login
 * actually goes to the organisation's provider.
 */
@Component
public class SsoDomains {

    private static final Logger log = LoggerFactory.getLogger(SsoDomains.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    SsoDomains(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Applies {@code sso.configured} in the event handler's transaction; an event older than the one applied last to
     * the domain is ignored (redelivery, or events overtaking each other).
     */
    public void apply(EventEnvelope event) {
        JsonNode data = event.data();
        String domain = data.path("emailDomain").asString("").strip().toLowerCase(Locale.ROOT);
        UUID organisation = UUID.fromString(data.path("organisationId").asString());
        String issuer = Issuers.requireUsable(data.path("issuer").asString());
        String clientId = data.path("clientId").asString("");
        if (domain.isEmpty() || clientId.isBlank()) {
            throw new IllegalArgumentException("sso.configured without emailDomain or clientId");
        }
        boolean enabled = !data.has("enabled") || data.path("enabled").asBoolean();
        boolean enforced = data.path("enforced").asBoolean(false);
        Instant time = event.time() != null ? event.time() : clock.instant();
        int changed = jdbc.sql("""
                        insert into sso_domains (email_domain, organisation_id, issuer, client_id, enforced, enabled,
                                                 event_time, updated_at)
                        values (:domain, :org, :issuer, :client, :enforced, :enabled, :time, :now)
                        on conflict (email_domain) do update set organisation_id = excluded.organisation_id,
                            issuer = excluded.issuer, client_id = excluded.client_id, enforced = excluded.enforced,
                            enabled = excluded.enabled, event_time = excluded.event_time, updated_at = excluded.updated_at
                        where sso_domains.event_time <= excluded.event_time""")
                .param("domain", domain).param("org", organisation).param("issuer", issuer).param("client", clientId)
                .param("enforced", enforced).param("enabled", enabled).param("time", Timestamp.from(time))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (changed == 0) {
            log.info("Ignored an sso.configured event for {} older than the one applied", domain);
            return;
        }
        audit.record("enterprise-service", "sso.domain_routing_changed", "domain:" + domain, null,
                Map.of("organisationId", organisation.toString(), "issuer", issuer, "enforced", enforced,
                        "enabled", enabled));
    }

    /** The organisation SSO for the domain of {@code email}, when one is enabled. */
    Optional<SsoDomain> forEmail(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        if (at < 1 || at == email.length() - 1) {
            return Optional.empty();
        }
        String domain = email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        return jdbc.sql("select * from sso_domains where email_domain = ? and enabled").param(domain)
                .query(SsoDomains::map).optional();
    }

    /** The enabled SSO of an organisation (one domain at a time). */
    Optional<SsoDomain> forOrganisation(UUID organisationId) {
        return jdbc.sql("select * from sso_domains where organisation_id = ? and enabled order by event_time desc limit 1")
                .param(organisationId).query(SsoDomains::map).optional();
    }

    private static SsoDomain map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new SsoDomain(rs.getString("email_domain"), rs.getObject("organisation_id", UUID.class),
                rs.getString("issuer"), rs.getString("client_id"), rs.getBoolean("enforced"));
    }

    /** An organisation's SSO for one e-mail domain. */
    record SsoDomain(String emailDomain, UUID organisationId, String issuer, String clientId, boolean enforced) {

        String registrationId() {
            return FederationProperties.ORGANISATION_PREFIX + organisationId;
        }

        boolean covers(String email) {
            return email != null && email.toLowerCase(Locale.ROOT).endsWith("@" + emailDomain);
        }
    }
}
