package com.aifinance.monitoring.health;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The stored checks ({@code health_checks}) and their hourly counts ({@code health_check_hourly}). */
@Component
public class HealthChecks {

    private final JdbcClient jdbc;

    HealthChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores checks and adds them to their hour's counts, in one transaction. */
    @Transactional
    public void record(List<CheckResult> results) {
        for (CheckResult result : results) {
            jdbc.sql("insert into health_checks (service, checked_at, status, response_ms, detail) values (?, ?, ?, ?, ?)")
                    .params(result.service(), Timestamp.from(result.checkedAt()), result.status(),
                            result.responseMs(), result.detail())
                    .update();
            int responseMs = result.responseMs() == null ? 0 : result.responseMs();
            jdbc.sql("""
                            insert into health_check_hourly (service, hour, up_count, down_count, response_ms_sum,
                                response_ms_max)
                            values (?, ?, ?, ?, ?, ?)
                            on conflict (service, hour) do update set
                                up_count = health_check_hourly.up_count + excluded.up_count,
                                down_count = health_check_hourly.down_count + excluded.down_count,
                                response_ms_sum = health_check_hourly.response_ms_sum + excluded.response_ms_sum,
                                response_ms_max = greatest(health_check_hourly.response_ms_max, excluded.response_ms_max)""")
                    .params(result.service(), Timestamp.from(result.checkedAt().truncatedTo(ChronoUnit.HOURS)),
                            result.up() ? 1 : 0, result.up() ? 0 : 1, responseMs, responseMs)
                    .update();
        }
    }

    /** The latest check of each service that has one. */
    public List<CheckResult> latest() {
        return jdbc.sql("""
                        select distinct on (service) service, checked_at, status, response_ms, detail
                        from health_checks order by service, checked_at desc""")
                .query((rs, row) -> result(rs)).list();
    }

    /** The statuses of the latest {@code count} checks of a service, newest first ({@code true} = up). */
    public List<Boolean> recentStatuses(String service, int count) {
        return jdbc.sql("select status = 'up' from health_checks where service = ? order by checked_at desc limit ?")
                .params(service, count).query(Boolean.class).list();
    }

    /** A service's checks in {@code [from, to)}, newest first, at most {@code limit}. */
    public List<CheckResult> between(String service, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        select service, checked_at, status, response_ms, detail from health_checks
                        where service = ? and checked_at >= ? and checked_at < ?
                        order by checked_at desc limit ?""")
                .params(service, Timestamp.from(from), Timestamp.from(to), limit)
                .query((rs, row) -> result(rs)).list();
    }

    /** Up and down checks of a service since {@code since}, from the raw checks (for windows up to a day). */
    public Counts countsSince(String service, Instant since) {
        return jdbc.sql("""
                        select count(*) filter (where status = 'up'), count(*) filter (where status = 'down')
                        from health_checks where service = ? and checked_at > ?""")
                .params(service, Timestamp.from(since))
                .query((rs, row) -> new Counts(rs.getLong(1), rs.getLong(2))).single();
    }

    /** Up and down checks of a service in the hours starting at or after {@code sinceHour}, from the hourly counts. */
    public Counts hourlyCountsSince(String service, Instant sinceHour) {
        return jdbc.sql("""
                        select coalesce(sum(up_count), 0), coalesce(sum(down_count), 0)
                        from health_check_hourly where service = ? and hour >= ?""")
                .params(service, Timestamp.from(sinceHour.truncatedTo(ChronoUnit.HOURS)))
                .query((rs, row) -> new Counts(rs.getLong(1), rs.getLong(2))).single();
    }

    /** Deletes raw checks older than {@code before}; hourly counts stay. */
    @Transactional
    public int deleteRawBefore(Instant before) {
        return jdbc.sql("delete from health_checks where checked_at < ?").param(Timestamp.from(before)).update();
    }

    private static CheckResult result(java.sql.ResultSet rs) throws java.sql.SQLException {
        int responseMs = rs.getInt("response_ms");
        return new CheckResult(rs.getString("service"), rs.getTimestamp("checked_at").toInstant(),
                "up".equals(rs.getString("status")), rs.wasNull() ? null : responseMs, rs.getString("detail"));
    }

    /** Checks that found a service up and down. */
    public record Counts(long up, long down) {

        public long total() {
            return up + down;
        }
    }
}
