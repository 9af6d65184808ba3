package com.aifinance.monitoring.probe;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stored journey results ({@code probe_results}). */
@Component
public class ProbeResults {

    private final JdbcClient jdbc;

    ProbeResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void record(List<ProbeResult> results) {
        for (ProbeResult result : results) {
            jdbc.sql("""
                            insert into probe_results (probe, checked_at, success, status_code, duration_ms, detail)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(result.probe(), Timestamp.from(result.checkedAt()), result.success(), result.statusCode(),
                            result.durationMs(), result.detail())
                    .update();
        }
    }

    /** The latest result of each journey that has run. */
    public List<ProbeResult> latest() {
        return jdbc.sql("""
                        select distinct on (probe) probe, checked_at, success, status_code, duration_ms, detail
                        from probe_results order by probe, checked_at desc""")
                .query((rs, row) -> {
                    int status = rs.getInt("status_code");
                    return new ProbeResult(rs.getString("probe"), rs.getTimestamp("checked_at").toInstant(),
                            rs.getBoolean("success"), rs.wasNull() ? null : status, rs.getInt("duration_ms"),
                            rs.getString("detail"));
                }).list();
    }

    /** Passed runs ÷ all runs of a journey since {@code since}, or null without runs. */
    public Double successRatio(String probe, Instant since) {
        return jdbc.sql("""
                        select case when count(*) = 0 then null
                                    else count(*) filter (where success)::float8 / count(*) end
                        from probe_results where probe = ? and checked_at > ?""")
                .params(probe, Timestamp.from(since)).query(Double.class).single();
    }

    @Transactional
    int deleteBefore(Instant before) {
        return jdbc.sql("delete from probe_results where checked_at < ?").param(Timestamp.from(before)).update();
    }
}
