package com.aifinance.gateway.allowlist;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows {@code allowlist.changed} on enterprise-service's stream with a plain {@code XREAD} from the last entry
 * seen, without {@code BLOCK}: a blocking read would hold the Redis connection the rate limiter shares. No consumer
 * group: every gateway replica keeps its own cache and so needs every event (a group would hand each event to one
 * replica), and a cursor in memory leaves nothing behind in Redis when a replica goes away. Reading an event again
 * is harmless, because the cache only takes a list of a higher version.
 */
final class AllowlistEvents {

    static final String TYPE = "allowlist.changed";
    static final String NO_ENTRY = "0-0";

    private static final Logger log = LoggerFactory.getLogger(AllowlistEvents.class);
    private static final int BATCH = 100;

    private final ReactiveStringRedisTemplate redis;
    private final String stream;
    private final AllowlistCache cache;
    private final JsonMapper json;
    private final Duration timeout;
    private final Counter applied;
    private final Counter outdated;
    private final Counter invalid;
    /** The id of the last entry read; null until a load has said where the lists in force stand on the stream. */
    private final AtomicReference<String> cursor = new AtomicReference<>();

    AllowlistEvents(ReactiveStringRedisTemplate redis, String stream, AllowlistCache cache, JsonMapper json,
                    Duration timeout, MeterRegistry meters) {
        this.redis = redis;
        this.stream = stream;
        this.cache = cache;
        this.json = json;
        this.timeout = timeout;
        this.applied = events(meters, "applied");
        this.outdated = events(meters, "outdated");
        this.invalid = events(meters, "invalid");
    }

    /** The id of the stream's newest entry ({@value #NO_ENTRY} when it has none): where a load about to start stands. */
    Mono<String> lastId() {
        return redis.opsForStream().reverseRange(stream, Range.unbounded(), Limit.limit().count(1))
                .next()
                .map(entry -> entry.getId().getValue())
                .defaultIfEmpty(NO_ENTRY)
                .timeout(timeout);
    }

    /**
     * Reads on from {@code position}, the stream's newest entry when a load of the lists in force was requested. A
     * cursor already further on is kept, unless the stream's newest entry is behind it: then the stream was lost
     * (Redis restarted without its data) and is read again from there.
     */
    void follow(String position) {
        cursor.updateAndGet(current -> current == null || compare(current, position) > 0 ? position : current);
    }

    /** Where the reading stands, null before the first load. */
    String position() {
        return cursor.get();
    }

    /** Applies what is new on the stream; the number of entries read. */
    Mono<Long> poll() {
        String from = cursor.get();
        if (from == null) {
            return Mono.just(0L);
        }
        return redis.<String, String>opsForStream()
                .read(StreamReadOptions.empty().count(BATCH), StreamOffset.create(stream, ReadOffset.from(from)))
                .timeout(timeout)
                .doOnNext(entry -> {
                    apply(entry);
                    cursor.accumulateAndGet(entry.getId().getValue(),
                            (current, read) -> current == null || compare(read, current) > 0 ? read : current);
                })
                .count();
    }

    private void apply(MapRecord<String, String, String> entry) {
        JsonNode event;
        try {
            event = json.readTree(String.valueOf(entry.getValue().get("event")));
        } catch (RuntimeException notJson) {
            return; // not a CloudEvent; common-lib's consumers dead-letter such entries, nothing to do here
        }
        if (!TYPE.equals(event.path("type").asString(""))) {
            return;
        }
        PublishedAllowlist change;
        try {
            change = EnterpriseAllowlists.read(event.path("data"));
        } catch (IllegalArgumentException unreadable) {
            invalid.increment();
            log.error("Ignoring {} entry {} on {}: {}; the next full load corrects the list", TYPE, entry.getId(),
                    stream, unreadable.getMessage());
            return;
        }
        if (cache.apply(change)) {
            applied.increment();
            log.info("Allowlist of organisation {} is now version {} ({} ranges)", change.organisationId(),
                    change.version(), change.cidrs().size());
        } else {
            outdated.increment();
        }
    }

    /** Orders stream entry ids ({@code <milliseconds>-<sequence>}). */
    static int compare(String left, String right) {
        long[] a = parts(left);
        long[] b = parts(right);
        int byTime = Long.compareUnsigned(a[0], b[0]);
        return byTime != 0 ? byTime : Long.compareUnsigned(a[1], b[1]);
    }

    private static long[] parts(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? new long[] {Long.parseUnsignedLong(id), 0}
                : new long[] {Long.parseUnsignedLong(id.substring(0, dash)), Long.parseUnsignedLong(id.substring(dash + 1))};
    }

    private static Counter events(MeterRegistry meters, String outcome) {
        return Counter.builder("gateway.allowlist.events").tag("outcome", outcome)
                .description("allowlist.changed events read: applied, outdated (a newer version was held), invalid")
                .register(meters);
    }
}
