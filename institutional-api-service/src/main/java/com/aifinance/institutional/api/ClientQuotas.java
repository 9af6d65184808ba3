package com.aifinance.institutional.api;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Institutional clients' quotas and their organisations' contracts, as enterprise-service announced them. */
@Repository
class ClientQuotas {

    /** An institutional client as we know it (defaults apply when enterprise-service has not told us yet). */
    record Client(String clientId, String organisationId, Integer quotaPerHour, boolean revoked) {
    }

    /** The organisation's current contract. */
    record Contract(String contractId, Long requestQuotaPerMonth, LocalDate endDate, String status) {

        boolean expired(LocalDate today) {
            return "expired".equals(status) || endDate.isBefore(today);
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

    Optional<Contract> contract(String organisationId) {
        return jdbc.sql("""
                        select contract_id, request_quota_per_month, end_date, status from contracts
                        where organisation_id = ? order by (status = 'active') desc, end_date desc limit 1
                        """)
                .param(organisationId)
                .query((rs, n) -> new Contract(rs.getString(1), (Long) rs.getObject(2), rs.getDate(3).toLocalDate(),
                        rs.getString(4)))
                .optional();
    }

    void saveClient(String clientId, String organisationId, String scopes, Integer quotaPerHour, boolean revoked) {
        jdbc.sql("""
                        insert into api_clients (client_id, organisation_id, scopes, quota_per_hour, revoked, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (client_id) do update set organisation_id = coalesce(excluded.organisation_id,
                            api_clients.organisation_id), scopes = excluded.scopes,
                            quota_per_hour = coalesce(excluded.quota_per_hour, api_clients.quota_per_hour),
                            revoked = excluded.revoked, updated_at = excluded.updated_at
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

    void saveContract(String contractId, String organisationId, Long quotaPerMonth, LocalDate start, LocalDate end,
                      String status) {
        jdbc.sql("""
                        insert into contracts (contract_id, organisation_id, request_quota_per_month, start_date, end_date,
                            status, updated_at) values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (contract_id) do update set organisation_id = excluded.organisation_id,
                            request_quota_per_month = excluded.request_quota_per_month, start_date = excluded.start_date,
                            end_date = excluded.end_date, status = excluded.status, updated_at = excluded.updated_at
                        """)
                .params(contractId, organisationId, quotaPerMonth, Date.valueOf(start), Date.valueOf(end), status,
                        Timestamp.from(clock.instant()))
                .update();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
