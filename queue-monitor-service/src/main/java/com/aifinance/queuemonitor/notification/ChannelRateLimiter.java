package com.aifinance.queuemonitor.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.aifinance.queuemonitor.notification.provider.Channel;
import com.aifinance.queuemonitor.notification.provider.ChannelSettings;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces each channel across every instance of the service with the generic cell rate algorithm in Redis: one key
 * per channel holds the theoretical arrival time, on Redis's own clock. A provider's 429 pushes that time out, so the
 * whole channel waits, not only the message that was refused. If Redis cannot be asked, the message goes out
 * unpaced (the provider's own 429s still slow us down) rather than not at all.
 */
final class ChannelRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(ChannelRateLimiter.class);

    /** Returns the milliseconds to wait, 0 when the message may go now. */
    private static final String ACQUIRE = """
            redis.replicate_commands()
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local tolerance = tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tat < now then tat = now end
            if now < tat - tolerance then return math.ceil((tat - tolerance - now) / 1000) end
            tat = tat + interval
            redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
            return 0
            """;

    private static final String BACK_OFF = """
            redis.replicate_commands()
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local until_ = now + tonumber(ARGV[1])
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            if until_ > tat then
              redis.call('SET', KEYS[1], string.format('%.0f', until_), 'PX', math.ceil(tonumber(ARGV[1]) / 1000) + 1000)
            end
            return 0
            """;

    private final Supplier<RedisCommands<String, String>> redis;
    private volatile Instant quietUntil = Instant.EPOCH;

    ChannelRateLimiter(Supplier<RedisCommands<String, String>> redis) {
        this.redis = redis;
    }

    static String key(Channel channel) {
        return "aifa:notify:rate:" + channel.id();
    }

    /** Blocks until {@code channel} may send one more message. */
    void acquire(Channel channel, ChannelSettings settings) throws InterruptedException {
        long intervalMicros = Math.max(1, Math.round(1_000_000 / settings.ratePerSecond()));
        long toleranceMicros = intervalMicros * Math.max(0, settings.burst() - 1);
        while (true) {
            long waitMillis;
            try {
                Long answer = redis.get().eval(ACQUIRE, ScriptOutputType.INTEGER, new String[]{key(channel)},
                        String.valueOf(intervalMicros), String.valueOf(toleranceMicros));
                waitMillis = answer == null ? 0 : answer;
            } catch (RuntimeException e) {
                complain("Rate limit of " + channel + " unavailable, sending unpaced: " + e);
                return;
            }
            if (waitMillis <= 0) {
                return;
            }
            Thread.sleep(Math.min(waitMillis, 5_000));
        }
    }

    /** Holds the whole channel back for {@code wait} (a provider's Retry-After). */
    void backOff(Channel channel, Duration wait) {
        try {
            redis.get().eval(BACK_OFF, ScriptOutputType.INTEGER, new String[]{key(channel)},
                    String.valueOf(wait.toNanos() / 1000));
        } catch (RuntimeException e) {
            complain("Could not hold back " + channel + ": " + e);
        }
    }

    private void complain(String message) {
        if (Instant.now().isAfter(quietUntil)) {
            log.warn(message);
            quietUntil = Instant.now().plusSeconds(30);
        }
    }
}
