package com.aifinance.institutional.usage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-caller hourly usage: counted in a Redis hash on each request (one round trip), moved into {@code api_usage}
 * every few seconds. For API clients the hash also keeps the latest request time, which becomes the last-used time
 * reported to enterprise-service.
 * <p>
 * Exactly once from Redis to PostgreSQL: the instance's pending hash is renamed to a batch with a fresh id (and the id
 * listed) in one atomic script, so requests counted meanwhile start a new hash. A batch is added to {@code api_usage}
 * in the same transaction that records its id in {@code usage_flushes}; a batch read again (its deletion failed, or
 * the process died after the commit) finds its id there and is only deleted. Any instance applies any listed batch, so
 * a batch left by an instance that never came back is not lost.
 */
@Component
public class UsageLedger {

    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);

    static final String BATCHES = "aifa:institutional:usage:batches";
    static final String BATCH_PREFIX = "aifa:institutional:usage:batch:";
    private static final Duration FLUSH_RECORD_RETENTION = Duration.ofDays(7);

    /** Counts a request; for an API client also moves the latest request time forward (never back). */
    private static final RedisScript<Long> RECORD = RedisScript.of("""
            redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            if ARGV[2] ~= '' then
              local last = tonumber(redis.call('HGET', KEYS[1], ARGV[2]) or '0')
              if last < tonumber(ARGV[3]) then redis.call('HSET', KEYS[1], ARGV[2], ARGV[3]) end
            end
            return 1""", Long.class);

    /** Turns a hash into a listed batch, atomically; 0 when there was nothing to hand over. */
    private static final RedisScript<Long> SEAL = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('RENAME', KEYS[1], KEYS[2])
              redis.call('SADD', KEYS[3], ARGV[1])
              return 1
            end
            return 0""", Long.class);

    /** Usage of one hour. */
    public record HourUsage(Instant hour, String tier, long requests) {
    }

    private final StringRedisTemplate redis;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String pending;
    private final String legacyFlushing;

    UsageLedger(StringRedisTemplate redis, JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
                @Value("${aifa.instance-id:local}") String instance) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.pending = "aifa:institutional:usage:pending:" + instance;
        this.legacyFlushing = "aifa:institutional:usage:flushing:" + instance;
    }

    /**
     * Counts one request of {@code caller} at {@code at}.
     *
     * @param apiClient whether the caller is an institutional API client (whose usage is reported to enterprise)
     */
    public void record(String caller, String tier, Instant at, boolean apiClient) {
        String row = caller + "|" + tier + "|" + at.truncatedTo(ChronoUnit.HOURS).getEpochSecond() + "|"
                + (apiClient ? "c" : "u");
        redis.execute(RECORD, List.of(pending), row, apiClient ? row + "|last" : "",
                String.valueOf(at.toEpochMilli()));
    }

    @Scheduled(fixedDelayString = "${aifa.api.usage-flush-interval:10s}", initialDelayString = "10s")
    public void flush() {
        try {
            seal(pending);
            seal(legacyFlushing); // a hash the version before batches was flushing when it stopped
            Set<String> batches = redis.opsForSet().members(BATCHES);
            if (batches != null) {
                for (String batch : batches) {
                    apply(batch);
                }
            }
        } catch (DataAccessException e) {
            log.warn("Usage not flushed yet: {}", e.getMessage());
        }
    }

    private void seal(String key) {
        String batch = UUID.randomUUID().toString();
        redis.execute(SEAL, List.of(key, BATCH_PREFIX + batch, BATCHES), batch);
    }

    /** Adds one batch to {@code api_usage} unless it was added before, then forgets it in Redis. */
    void apply(String batch) {
        Map<Object, Object> fields = redis.opsForHash().entries(BATCH_PREFIX + batch);
        if (!fields.isEmpty()) {
            Map<String, Row> rows = rows(fields);
            transactions.executeWithoutResult(status -> {
                int first = jdbc.sql("insert into usage_flushes (batch_id, applied_at) values (?, ?) on conflict do nothing")
                        .params(batch, Timestamp.from(clock.instant())).update();
                if (first == 0) {
                    return; // applied before: the counts are already in
                }
                rows.values().forEach(this::add);
                if (Math.floorMod(batch.hashCode(), 100) == 0) {
                    jdbc.sql("delete from usage_flushes where applied_at < ?")
                            .param(Timestamp.from(clock.instant().minus(FLUSH_RECORD_RETENTION))).update();
                }
            });
            redis.delete(BATCH_PREFIX + batch);
        }
        redis.opsForSet().remove(BATCHES, batch);
    }

    private void add(Row row) {
        jdbc.sql("""
                        insert into api_usage (caller, hour, tier, requests, api_client, last_request_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (caller, hour) do update set requests = api_usage.requests + excluded.requests,
                            tier = excluded.tier, api_client = api_usage.api_client or excluded.api_client,
                            last_request_at = greatest(api_usage.last_request_at, excluded.last_request_at)
                        """)
                .params(row.caller(), Timestamp.from(row.hour()), row.tier(), row.requests(), row.apiClient(),
                        row.lastRequestAt() == null ? null : Timestamp.from(row.lastRequestAt()))
                .update();
    }

    /** Fields are {@code caller|tier|hour|kind} (a count) and {@code caller|tier|hour|c|last} (epoch ms). */
    private static Map<String, Row> rows(Map<Object, Object> fields) {
        Map<String, Row> rows = new HashMap<>();
        for (var field : fields.entrySet()) {
            String[] key = field.getKey().toString().split("\\|");
            long value = Long.parseLong(field.getValue().toString());
            String id = key[0] + "|" + key[2];
            Row row = rows.getOrDefault(id, new Row(key[0], key[1], Instant.ofEpochSecond(Long.parseLong(key[2])),
                    0, key.length > 3 && key[3].equals("c"), null));
            if (key.length == 5 && key[4].equals("last")) {
                row = row.withLast(Instant.ofEpochMilli(value));
            } else {
                row = row.plus(value);
            }
            rows.put(id, row);
        }
        return rows;
    }

    public List<HourUsage> hours(String caller, Instant from) {
        return jdbc.sql("select hour, tier, requests from api_usage where caller = ? and hour >= ? order by hour desc")
                .params(caller, Timestamp.from(from))
                .query((rs, n) -> new HourUsage(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3)))
                .list();
    }

    private record Row(String caller, String tier, Instant hour, long requests, boolean apiClient,
                       Instant lastRequestAt) {

        Row plus(long more) {
            return new Row(caller, tier, hour, requests + more, apiClient, lastRequestAt);
        }

        Row withLast(Instant last) {
            return new Row(caller, tier, hour, requests, true, last);
        }
    }
}
