package com.aifinance.enterprise.sso;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SSO and MFA policy tables. */
@Component
class SsoConfigurations {

    private final JdbcClient jdbc;

    SsoConfigurations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SsoConfiguration> find(UUID organisationId) {
        return jdbc.sql("select * from sso_configurations where organisation_id = ?").param(organisationId)
                .query(SsoConfigurations::map).optional();
    }

    Optional<SsoConfiguration> findByDomain(String emailDomain) {
        return jdbc.sql("select * from sso_configurations where email_domain = ?").param(emailDomain)
                .query(SsoConfigurations::map).optional();
    }

    void save(SsoConfiguration configuration) {
        jdbc.sql("""
                        insert into sso_configurations (organisation_id, issuer, client_id, client_secret_ciphertext,
                            email_domain, enforced, verification_token, verified_at, verified_by, updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (organisation_id) do update set issuer = excluded.issuer,
                            client_id = excluded.client_id, client_secret_ciphertext = excluded.client_secret_ciphertext,
                            email_domain = excluded.email_domain, enforced = excluded.enforced,
                            verification_token = excluded.verification_token, verified_at = excluded.verified_at,
                            verified_by = excluded.verified_by, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by""")
                .params(configuration.organisationId(), configuration.issuer(), configuration.clientId(),
                        configuration.clientSecretCiphertext(), configuration.emailDomain(), configuration.enforced(),
                        configuration.verificationToken(), timestamp(configuration.verifiedAt()),
                        configuration.verifiedBy(), timestamp(configuration.updatedAt()), configuration.updatedBy())
                .update();
    }

    void delete(UUID organisationId) {
        jdbc.sql("delete from sso_configurations where organisation_id = ?").param(organisationId).update();
    }

    /** An organisation without a policy requires MFA. */
    boolean mfaRequired(UUID organisationId) {
        return jdbc.sql("select mfa_required from mfa_policies where organisation_id = ?").param(organisationId)
                .query(Boolean.class).optional().orElse(true);
    }

    void saveMfaPolicy(UUID organisationId, boolean required, Instant at, String by) {
        jdbc.sql("""
                        insert into mfa_policies (organisation_id, mfa_required, updated_at, updated_by) values (?, ?, ?, ?)
                        on conflict (organisation_id) do update set mfa_required = excluded.mfa_required,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(organisationId, required, Timestamp.from(at), by).update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static SsoConfiguration map(ResultSet rs, int row) throws SQLException {
        Timestamp verified = rs.getTimestamp("verified_at");
        return new SsoConfiguration(rs.getObject("organisation_id", UUID.class), rs.getString("issuer"),
                rs.getString("client_id"), rs.getString("client_secret_ciphertext"), rs.getString("email_domain"),
                rs.getBoolean("enforced"), rs.getString("verification_token"),
                verified == null ? null : verified.toInstant(), rs.getString("verified_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }
}
