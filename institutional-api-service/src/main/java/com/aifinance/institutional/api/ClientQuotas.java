package com.aifinance.institutional.api;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import com.aifinance.institutional.usage.RevokedClientReported;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Institutional clients' quotas and their organisations' contracts, as enterprise-service announced them. */
@Repository
class ClientQuotas {

    /** An institutional client as we know it (defaults apply when enterprise-service has not told us yet). */
    record Client(String clientId, String organisationId, Integer quotaPerHour, boolean revoked) {
    }

    /** The organisation's current contract. */
    record Contract(String contractId, Long requestQuotaPerMonth, LocalDate startDate, LocalDate endDate,
                    String status) {

        /** Ended (by the event, or by its end date before the event arrives). */
        boolean expired(LocalDate today) {
            return "expired".equals(status) || endDate.isBefore(today);
        }

        boolean startsAfter(LocalDate today) {
            return startDate.isAfter(today);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ClientQuotas(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Client> client(String clientId) {
        return jdbc.sql("select client_id, organisation_id, quota_per_hour, revoked from api_clients where client_id = ?")
                .param(clientId)
                .query((rs, n) -> new Client(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getBoolean(4)))
                .optional();
    }

    /**
     * The organisation's contract in force today, else its latest one (expired, or not started yet, so the caller is
     * refused); empty when enterprise-service has told us of none.
     */
    Optional<Contract> contract(String organisationId) {
        return jdbc.sql("""
                        select contract_id, request_quota_per_month, start_date, end_date, status from contracts
                        where organisation_id = ?
                        order by (status = 'active' and start_date <= ? and end_date >= ?) desc, end_date desc limit 1
                        """)
                .params(organisationId, Date.valueOf(today()), Date.valueOf(today()))
                .query((rs, n) -> new Contract(rs.getString(1), (Long) rs.getObject(2), rs.getDate(3).toLocalDate(),
                        rs.getDate(4).toLocalDate(), rs.getString(5)))
                .optional();
    }

    /** A revoked client stays revoked: a late or redelivered {@code api_client.created/rotated} cannot revive it. */
    void saveClient(String clientId, String organisationId, String scopes, Integer quotaPerHour, boolean revoked) {
        jdbc.sql("""
                        insert into api_clients (client_id, organisation_id, scopes, quota_per_hour, revoked, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (client_id) do update set organisation_id = coalesce(excluded.organisation_id,
                            api_clients.organisation_id), scopes = excluded.scopes,
                            quota_per_hour = coalesce(excluded.quota_per_hour, api_clients.quota_per_hour),
                            revoked = api_clients.revoked or excluded.revoked, updated_at = excluded.updated_at
                        """)
                .params(clientId, organisationId, scopes, quotaPerHour, revoked, Timestamp.from(clock.instant()))
                .update();
    }

    void revoke(String clientId) {
        jdbc.sql("""
                        insert into api_clients (client_id, revoked, updated_at) values (?, true, ?)
                        on conflict (client_id) do update set revoked = true, updated_at = excluded.updated_at
                        """)
                .params(clientId, Timestamp.from(clock.instant())).update();
    }

    /** An expired contract stays expired: a late or redelivered {@code contract.signed/renewed} cannot revive it. */
    void saveContract(String contractId, String organisationId, Long quotaPerMonth, LocalDate start, LocalDate end,
                      String status) {
        jdbc.sql("""
                        insert into contracts (contract_id, organisation_id, request_quota_per_month, start_date, end_date,
                            status, updated_at) values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (contract_id) do update set organisation_id = excluded.organisation_id,
                            request_quota_per_month = excluded.request_quota_per_month, start_date = excluded.start_date,
                            end_date = excluded.end_date,
                            status = case when contracts.status = 'expired' then 'expired' else excluded.status end,
                            updated_at = excluded.updated_at
                        """)
                .params(contractId, organisationId, quotaPerMonth, Date.valueOf(start), Date.valueOf(end), status,
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** enterprise-service answered a usage report with "revoked": refuse the client now, even if the event is late. */
    @EventListener
    void revokedAccordingToEnterprise(RevokedClientReported reported) {
        revoke(reported.clientId());
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
