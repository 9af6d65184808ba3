package com.aifinance.enterprise.allowlist;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The allowlist tables. */
@Component
class Allowlists {

    private final JdbcClient jdbc;

    Allowlists(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Allowlist> find(UUID organisationId) {
        return jdbc.sql("select * from allowlists where organisation_id = ?").param(organisationId)
                .query((rs, row) -> new Allowlist(organisationId, entries(organisationId), rs.getLong("version"),
                        rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")))
                .optional();
    }

    /** Every non-empty allowlist, for the gateway's cache. */
    List<Allowlist> allNonEmpty() {
        Map<UUID, List<Allowlist.Entry>> entries = new LinkedHashMap<>();
        jdbc.sql("select organisation_id, cidr, label from allowlist_entries order by organisation_id, position")
                .query(rs -> {
                    entries.computeIfAbsent(rs.getObject("organisation_id", UUID.class), id -> new ArrayList<>())
                            .add(new Allowlist.Entry(rs.getString("cidr"), rs.getString("label")));
                });
        return jdbc.sql("select * from allowlists order by organisation_id").query((rs, row) -> {
            UUID id = rs.getObject("organisation_id", UUID.class);
            return new Allowlist(id, entries.getOrDefault(id, List.of()), rs.getLong("version"),
                    rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
        }).list().stream().filter(list -> !list.entries().isEmpty()).toList();
    }

    /** Replaces the list; the caller holds the organisation's lock. Returns the new version. */
    long replace(UUID organisationId, List<Allowlist.Entry> entries, Instant at, String by) {
        long version = jdbc.sql("""
                        insert into allowlists (organisation_id, version, updated_at, updated_by) values (?, 1, ?, ?)
                        on conflict (organisation_id) do update set version = allowlists.version + 1,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by
                        returning version""")
                .params(organisationId, Timestamp.from(at), by).query(Long.class).single();
        jdbc.sql("delete from allowlist_entries where organisation_id = ?").param(organisationId).update();
        for (int i = 0; i < entries.size(); i++) {
            Allowlist.Entry entry = entries.get(i);
            jdbc.sql("insert into allowlist_entries (organisation_id, position, cidr, label) values (?, ?, ?, ?)")
                    .params(organisationId, i, entry.cidr(), entry.label()).update();
        }
        return version;
    }

    private List<Allowlist.Entry> entries(UUID organisationId) {
        return jdbc.sql("select cidr, label from allowlist_entries where organisation_id = ? order by position")
                .param(organisationId)
                .query((rs, row) -> new Allowlist.Entry(rs.getString("cidr"), rs.getString("label"))).list();
    }
}
