package com.aifinance.enterprise.apiclient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The API client tables. */
@Component
class ApiClients {

    private final JdbcClient jdbc;

    ApiClients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ApiClient> find(String clientId) {
        return jdbc.sql("select * from api_clients where client_id = ?").param(clientId).query(ApiClients::map)
                .optional();
    }

    Optional<ApiClient> lock(String clientId) {
        return jdbc.sql("select * from api_clients where client_id = ? for update").param(clientId)
                .query(ApiClients::map).optional();
    }

    List<ApiClient> of(UUID organisationId) {
        return jdbc.sql("select * from api_clients where organisation_id = ? order by created_at desc")
                .param(organisationId).query(ApiClients::map).list();
    }

    List<ApiClient> all() {
        return jdbc.sql("select * from api_clients order by organisation_id, created_at").query(ApiClients::map).list();
    }

    long countActive(UUID organisationId) {
        return jdbc.sql("select count(*) from api_clients where organisation_id = ? and revoked_at is null")
                .param(organisationId).query(Long.class).single();
    }

    void insert(ApiClient client) {
        jdbc.sql("""
                        insert into api_clients (client_id, organisation_id, name, scopes, quota_per_hour, contract_id,
                                                 created_at, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(client.clientId(), client.organisationId(), client.name(), String.join(" ", client.scopes()),
                        client.quotaPerHour(), client.contractId(), Timestamp.from(client.createdAt()),
                        client.createdBy())
                .update();
    }

    void markRevoked(String clientId, Instant at, String by, String reason) {
        jdbc.sql("update api_clients set revoked_at = ?, revoked_by = ?, revocation_reason = ? where client_id = ?")
                .params(Timestamp.from(at), by, reason, clientId).update();
        jdbc.sql("update api_client_secrets set revoked_at = ? where client_id = ? and revoked_at is null")
                .params(Timestamp.from(at), clientId).update();
    }

    /** Adds usage reported by institutional-api; the last-used time only moves forward. */
    void recordUsage(String clientId, Instant lastUsedAt, long requests) {
        jdbc.sql("""
                        update api_clients set last_used_at = greatest(coalesce(last_used_at, ?), ?),
                                               requests_total = requests_total + ?
                        where client_id = ?""")
                .params(Timestamp.from(lastUsedAt), Timestamp.from(lastUsedAt), requests, clientId).update();
    }

    // ---- secrets

    List<ClientSecret> secretsOf(String clientId) {
        return jdbc.sql("select * from api_client_secrets where client_id = ? order by created_at desc")
                .param(clientId).query(ApiClients::mapSecret).list();
    }

    void insertSecret(ClientSecret secret) {
        jdbc.sql("insert into api_client_secrets (id, client_id, secret_hash, created_at) values (?, ?, ?, ?)")
                .params(secret.id(), secret.clientId(), secret.secretHash(), Timestamp.from(secret.createdAt()))
                .update();
    }

    /** Ends a secret's validity at {@code until} (only ever shortens it). */
    void endSecret(UUID secretId, Instant until) {
        jdbc.sql("""
                        update api_client_secrets set valid_until = least(coalesce(valid_until, ?), ?) where id = ?""")
                .params(Timestamp.from(until), Timestamp.from(until), secretId).update();
    }

    private static ApiClient map(ResultSet rs, int row) throws SQLException {
        return new ApiClient(rs.getString("client_id"), rs.getObject("organisation_id", UUID.class),
                rs.getString("name"), Arrays.asList(rs.getString("scopes").split(" ")), rs.getLong("quota_per_hour"),
                rs.getObject("contract_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"), instant(rs.getTimestamp("revoked_at")), rs.getString("revoked_by"),
                rs.getString("revocation_reason"), instant(rs.getTimestamp("last_used_at")),
                rs.getLong("requests_total"));
    }

    private static ClientSecret mapSecret(ResultSet rs, int row) throws SQLException {
        return new ClientSecret(rs.getObject("id", UUID.class), rs.getString("client_id"),
                rs.getString("secret_hash"), rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("valid_until")), instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
