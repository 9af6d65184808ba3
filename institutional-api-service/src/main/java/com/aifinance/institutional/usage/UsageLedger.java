package com.aifinance.institutional.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-caller hourly usage: counted in a Redis hash on each request (cheap), moved into {@code api_usage} every few
 * seconds. The hash is renamed before it is read, so requests counted meanwhile go to a fresh hash and none is lost or
 * counted twice; a batch left by a crash is picked up by the next flush.
 */
@Component
class UsageLedger {

    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);

    /** Usage of one hour. */
    record HourUsage(Instant hour, String tier, long requests) {
    }

    private final StringRedisTemplate redis;
    private final JdbcClient jdbc;
    private final String pending;
    private final String flushing;

    UsageLedger(StringRedisTemplate redis, JdbcClient jdbc, @Value("${aifa.instance-id:local}") String instance) {
        this.redis = redis;
        this.jdbc = jdbc;
        this.pending = "aifa:institutional:usage:pending:" + instance;
        this.flushing = "aifa:institutional:usage:flushing:" + instance;
    }

    void record(String caller, String tier, Instant at) {
        redis.opsForHash().increment(pending, caller + "|" + tier + "|" + at.truncatedTo(ChronoUnit.HOURS).getEpochSecond(), 1);
    }

    @Scheduled(fixedDelayString = "${aifa.api.usage-flush-interval:10s}", initialDelayString = "10s")
    @Transactional
    public void flush() {
        try {
            if (!Boolean.TRUE.equals(redis.hasKey(flushing))) {
                if (!Boolean.TRUE.equals(redis.hasKey(pending))) {
                    return;
                }
                redis.rename(pending, flushing);
            }
            Map<Object, Object> counts = redis.opsForHash().entries(flushing);
            for (var entry : counts.entrySet()) {
                String[] key = entry.getKey().toString().split("\\|");
                jdbc.sql("""
                                insert into api_usage (caller, hour, tier, requests) values (?, ?, ?, ?)
                                on conflict (caller, hour) do update set requests = api_usage.requests + excluded.requests,
                                    tier = excluded.tier
                                """)
                        .params(key[0], Timestamp.from(Instant.ofEpochSecond(Long.parseLong(key[2]))), key[1],
                                Long.parseLong(entry.getValue().toString()))
                        .update();
            }
            redis.delete(flushing);
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Usage not flushed yet: {}", e.getMessage());
        }
    }

    List<HourUsage> hours(String caller, Instant from) {
        return jdbc.sql("select hour, tier, requests from api_usage where caller = ? and hour >= ? order by hour desc")
                .params(caller, Timestamp.from(from))
                .query((rs, n) -> new HourUsage(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3)))
                .list();
    }

}
