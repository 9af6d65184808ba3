package com.aifinance.enterprise.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads the audit log, newest first. */
@Component
class AuditQueries {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long count(AuditFilter filter) {
        AuditFilter.Where where = filter.where();
        return jdbc.sql("select count(*) from audit_log where " + where.sql()).params(where.params())
                .query(Long.class).single();
    }

    /** A page of entries, newest first. */
    List<AuditEntry> find(AuditFilter filter, long offset, int limit) {
        AuditFilter.Where where = filter.where();
        return jdbc.sql("select * from audit_log where " + where.sql() + " order by id desc offset ? limit ?")
                .params(where.params()).param(offset).param(limit)
                .query((rs, row) -> entry(rs)).list();
    }

    /** For the CSV export: a batch of entries older than {@code beforeId} (keyset pagination, stable while rows arrive). */
    List<AuditEntry> findBefore(AuditFilter filter, long beforeId, int limit) {
        AuditFilter.Where where = filter.where();
        return jdbc.sql("select * from audit_log where " + where.sql() + " and id < ? order by id desc limit ?")
                .params(where.params()).param(beforeId).param(limit)
                .query((rs, row) -> entry(rs)).list();
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        String before = rs.getString("before");
        String after = rs.getString("after");
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getObject("organisation_id", UUID.class), rs.getString("actor_subject"),
                rs.getString("actor_organisation"), rs.getString("actor_roles"), rs.getString("actor_address"),
                rs.getString("action"), rs.getString("target"), rs.getString("outcome"),
                before == null ? null : json.readTree(before), after == null ? null : json.readTree(after));
    }
}
