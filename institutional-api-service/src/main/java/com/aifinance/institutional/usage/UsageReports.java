package com.aifinance.institutional.usage;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report batches: composed from {@code api_usage} (each metered request of an API client goes into exactly one
 * batch: the rows' {@code reported_requests} move up in the transaction that stores the batch), then leased to one
 * sender at a time until enterprise-service has taken them.
 */
@Component
class UsageReports {

    /** Only one instance composes at a time (a transaction-scoped advisory lock, released by commit or crash). */
    private static final long COMPOSE_LOCK = 0x41494641_55534147L; // "AIFAUSAG"
    private static final JsonMapper JSON = new JsonMapper();

    record Batch(UUID id, String reportsJson, int clients, long requests, int attempts, Instant createdAt) {
    }

    record Backlog(long pending, Instant oldest) {
    }

    private record Unreported(String caller, Timestamp hour, long requests, long reported, Instant lastRequestAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    UsageReports(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Moves every API client's unreported requests into new batches of at most {@code maxClients} reports: per client
     * the requests since its last report and its latest request time (never later than {@code now}).
     *
     * @return the number of batches composed
     */
    int compose(Instant now, int maxClients) {
        Integer composed = transactions.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)").param(COMPOSE_LOCK)
                    .query(Boolean.class).single())) {
                return 0; // another instance is composing right now; the rows will still be there next time
            }
            List<Unreported> rows = jdbc.sql("""
                            select caller, hour, requests, reported_requests, coalesce(last_request_at, hour)
                            from api_usage where api_client and requests > reported_requests
                            order by caller, hour for update""")
                    .query((rs, n) -> new Unreported(rs.getString(1), rs.getTimestamp(2), rs.getLong(3), rs.getLong(4),
                            rs.getTimestamp(5).toInstant()))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            Map<String, long[]> perClient = new LinkedHashMap<>(); // requests, latest epoch ms
            for (Unreported row : rows) {
                long[] totals = perClient.computeIfAbsent(row.caller(), caller -> new long[]{0, 0});
                totals[0] += row.requests() - row.reported();
                totals[1] = Math.max(totals[1], row.lastRequestAt().toEpochMilli());
                jdbc.sql("update api_usage set reported_requests = ? where caller = ? and hour = ?")
                        .params(row.requests(), row.caller(), row.hour()).update();
            }
            List<Map<String, Object>> reports = new ArrayList<>();
            int batches = 0;
            for (var client : perClient.entrySet()) {
                Instant lastUsed = Instant.ofEpochMilli(Math.min(client.getValue()[1], now.toEpochMilli()));
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("clientId", client.getKey());
                report.put("requests", client.getValue()[0]);
                report.put("lastUsedAt", lastUsed.toString());
                reports.add(report);
                if (reports.size() == maxClients) {
                    insert(reports, now);
                    reports = new ArrayList<>();
                    batches++;
                }
            }
            if (!reports.isEmpty()) {
                insert(reports, now);
                batches++;
            }
            return batches;
        });
        return composed == null ? 0 : composed;
    }

    private void insert(List<Map<String, Object>> reports, Instant now) {
        long requests = reports.stream().mapToLong(report -> (Long) report.get("requests")).sum();
        jdbc.sql("""
                        insert into usage_report_batches (id, created_at, reports, clients, requests, status,
                            next_attempt_at) values (?, ?, ?::jsonb, ?, ?, 'pending', ?)""")
                .params(UUID.randomUUID(), Timestamp.from(now), JSON.writeValueAsString(reports), reports.size(),
                        requests, Timestamp.from(now))
                .update();
    }

    /** Leases the oldest due batch to this sender; no other sender gets it until the lease ends or it is settled. */
    Optional<Batch> claim(Instant now, Duration lease) {
        return jdbc.sql("""
                        update usage_report_batches set lease_until = :leaseUntil, attempts = attempts + 1
                        where id = (select id from usage_report_batches
                                    where status = 'pending' and next_attempt_at <= :now
                                      and (lease_until is null or lease_until < :now)
                                    order by created_at limit 1 for update skip locked)
                        returning id, reports::text, clients, requests, attempts, created_at""")
                .param("leaseUntil", Timestamp.from(now.plus(lease))).param("now", Timestamp.from(now))
                .query((rs, n) -> new Batch(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getLong(4),
                        rs.getInt(5), rs.getTimestamp(6).toInstant()))
                .optional();
    }

    void sent(UUID id, Instant at) {
        jdbc.sql("""
                        update usage_report_batches set status = 'sent', sent_at = ?, lease_until = null, last_error = null
                        where id = ?""")
                .params(Timestamp.from(at), id).update();
    }

    void failed(UUID id, String error, Instant retryAt) {
        jdbc.sql("update usage_report_batches set lease_until = null, next_attempt_at = ?, last_error = ? where id = ?")
                .params(Timestamp.from(retryAt), truncate(error), id).update();
    }

    void rejected(UUID id, String error) {
        jdbc.sql("update usage_report_batches set status = 'rejected', lease_until = null, last_error = ? where id = ?")
                .params(truncate(error), id).update();
    }

    Backlog backlog() {
        return jdbc.sql("select count(*), min(created_at) from usage_report_batches where status = 'pending'")
                .query((rs, n) -> new Backlog(rs.getLong(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .single();
    }

    /** Sent batches are kept a week for investigation. */
    void prune(Instant before) {
        jdbc.sql("delete from usage_report_batches where status = 'sent' and sent_at < ?")
                .param(Timestamp.from(before)).update();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
