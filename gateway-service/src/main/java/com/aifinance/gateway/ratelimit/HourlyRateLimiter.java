package com.aifinance.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Counts requests per bucket in Redis, shared by every gateway replica: a fixed window that opens with a bucket's
 * first request and lasts {@code window}. One script call per request (EVALSHA) increments the counter, starts the
 * window when the counter is new, and reads an institutional client's contract quota: one round trip, atomic.
 */
final class HourlyRateLimiter {

    /** The counter of a bucket; the braces make counter and quota one Redis Cluster slot. */
    static final String COUNTER_KEY = "aifa:gateway:rl:{%s}";
    /** An institutional client's requests per window, set from its contract (absent: the configured default). */
    static final String QUOTA_KEY = "aifa:gateway:quota:{%s}";

    private static final RedisScript<List> SCRIPT = RedisScript.of("""
            local limit = tonumber(ARGV[1])
            if #KEYS > 1 then
              local quota = tonumber(redis.call('GET', KEYS[2]))
              if quota then limit = quota end
            end
            local count = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              ttl = tonumber(ARGV[2])
            end
            return {count, ttl, limit}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final Duration window;
    private final Clock clock;

    HourlyRateLimiter(ReactiveStringRedisTemplate redis, Duration window, Clock clock) {
        this.redis = redis;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one request against {@code bucket}. */
    Mono<Decision> acquire(Bucket bucket) {
        List<String> keys = bucket.hasQuota()
                ? List.of(COUNTER_KEY.formatted(bucket.id()), QUOTA_KEY.formatted(bucket.id()))
                : List.of(COUNTER_KEY.formatted(bucket.id()));
        return redis.execute(SCRIPT, keys, List.of(Long.toString(bucket.limit()), Long.toString(window.toMillis())))
                .next()
                .map(result -> decide(result));
    }

    private Decision decide(List<?> result) {
        long count = asLong(result.get(0));
        long ttlMillis = asLong(result.get(1));
        long limit = asLong(result.get(2));
        Duration untilReset = Duration.ofMillis(ttlMillis);
        return new Decision(count <= limit, limit, Math.max(0, limit - count), clock.instant().plus(untilReset),
                untilReset);
    }

    private static long asLong(Object value) {
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }

    /**
     * @param resetAt    when the window ends and the allowance is whole again
     * @param untilReset how long until then
     */
    record Decision(boolean allowed, long limit, long remaining, Instant resetAt, Duration untilReset) {

        /** Whole seconds until the reset, rounded up, at least 1 (for {@code Retry-After}). */
        long retryAfterSeconds() {
            return Math.max(1, (untilReset.toMillis() + 999) / 1000);
        }

        /** The reset as epoch seconds, rounded up (for {@code X-RateLimit-Reset}). */
        long resetEpochSecond() {
            return resetAt.getEpochSecond() + (resetAt.getNano() > 0 ? 1 : 0);
        }
    }
}
