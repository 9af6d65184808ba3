package com.aifinance.queuemonitor.queues;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.aifinance.common.events.EventStreams;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.models.stream.PendingMessages;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Component;

/**
 * Reads the state of a stream and its consumer groups from Redis. Lag comes from {@code XINFO GROUPS} where Redis
 * (7+) reports it; otherwise it is counted honestly: the entries after the group's last delivered id, read in pages
 * up to {@code lagScanLimit} (beyond that the figure is a lower bound and says so).
 */
@Component
class QueueInspector {

    private static final int PAGE = 500;

    private final QueueRedis redis;
    private final QueuesProperties properties;
    private final Clock clock;

    QueueInspector(QueueRedis redis, QueuesProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    @Schema(description = "A stream, its dead-letter stream and its consumer groups")
    record StreamView(String stream, boolean exists, long length, String firstEntryId, String lastEntryId,
                      String lastGeneratedId, String deadLetterStream, long deadLetters, List<GroupView> groups,
                      Instant observedAt) {
    }

    @Schema(description = "A consumer group of a stream")
    record GroupView(
            String name,
            @Schema(description = "Entries never delivered to the group") Long lag,
            @Schema(description = "false when lag is a lower bound (counting stopped at the scan limit)") boolean lagExact,
            @Schema(description = "redis (XINFO reports it, Redis 7+) or counted") String lagSource,
            String lastDeliveredId,
            @Schema(description = "Delivered but not acknowledged") long pending,
            String oldestPendingId,
            @Schema(description = "Age of the oldest pending entry (now minus the time in its id)") Long oldestPendingAgeMs,
            @Schema(description = "Time since the oldest pending entry was last delivered") Long oldestPendingIdleMs,
            @Schema(description = "Deliveries of the oldest pending entry") Long oldestPendingDeliveries,
            @Schema(description = "Highest delivery count among the pending entries read") long maxDeliveries,
            @Schema(description = "Pending entries read that were delivered more than once") long redelivered,
            @Schema(description = "Dead letters this group left in the stream's .dlq") long deadLetters,
            boolean paused,
            List<ConsumerView> consumers) {
    }

    @Schema(description = "A consumer of a group")
    record ConsumerView(String name, long pending, long idleMs) {
    }

    @Schema(description = "A pending entry of a group")
    record PendingView(String id, String consumer, long idleMs, long deliveries, long ageMs) {
    }

    List<StreamView> all() {
        List<StreamView> views = new ArrayList<>();
        for (String stream : properties.streams()) {
            views.add(stream(stream));
        }
        return views;
    }

    boolean watched(String stream) {
        return properties.streams().contains(stream);
    }

    StreamView stream(String stream) {
        RedisCommands<String, String> commands = redis.commands();
        Instant now = clock.instant();
        String dlq = EventStreams.deadLetterOf(stream);
        long deadLetters = commands.xlen(dlq);
        Map<String, Long> deadLettersByGroup = deadLetterGroups(commands, dlq, deadLetters);
        if (commands.exists(stream) == 0) {
            return new StreamView(stream, false, 0, null, null, null, dlq, deadLetters, List.of(), now);
        }
        Map<String, Object> info = pairs(commands.xinfoStream(stream));
        long length = number(info.get("length"));
        String lastGenerated = (String) info.get("last-generated-id");
        String first = entryId(info.get("first-entry"));
        String last = entryId(info.get("last-entry"));
        List<GroupView> groups = new ArrayList<>();
        for (Object raw : commands.xinfoGroups(stream)) {
            Map<String, Object> group = pairs((List<?>) raw);
            groups.add(group(commands, stream, group, length, first, lastGenerated, now,
                    deadLettersByGroup.getOrDefault((String) group.get("name"), 0L)));
        }
        return new StreamView(stream, true, length, first, last, lastGenerated, dlq, deadLetters, groups, now);
    }

    private GroupView group(RedisCommands<String, String> commands, String stream, Map<String, Object> group,
                            long length, String firstEntryId, String lastGeneratedId, Instant now, long deadLetters) {
        String name = (String) group.get("name");
        String lastDelivered = (String) group.get("last-delivered-id");
        Long lag;
        boolean exact = true;
        String source;
        if (group.get("lag") instanceof Long reported) {
            lag = reported;
            source = "redis";
        } else {
            source = "counted";
            Counted counted = lag(commands, stream, lastDelivered, length, firstEntryId, lastGeneratedId);
            lag = counted.count();
            exact = counted.exact();
        }
        PendingMessages summary = commands.xpending(stream, name);
        long pending = summary.getCount();
        String oldestId = null;
        Long oldestAge = null;
        Long oldestIdle = null;
        Long oldestDeliveries = null;
        long maxDeliveries = 0;
        long redelivered = 0;
        if (pending > 0) {
            List<PendingMessage> entries = commands.xpending(stream, name, Range.create("-", "+"),
                    Limit.from(Math.min(pending, properties.pendingScanLimit())));
            if (!entries.isEmpty()) {
                PendingMessage oldest = entries.getFirst();
                oldestId = oldest.getId();
                oldestAge = Math.max(0, now.toEpochMilli() - StreamId.parse(oldestId).millis());
                oldestIdle = oldest.getMsSinceLastDelivery();
                oldestDeliveries = oldest.getRedeliveryCount();
            }
            for (PendingMessage entry : entries) {
                maxDeliveries = Math.max(maxDeliveries, entry.getRedeliveryCount());
                if (entry.getRedeliveryCount() > 1) {
                    redelivered++;
                }
            }
        }
        List<ConsumerView> consumers = new ArrayList<>();
        for (Object raw : commands.xinfoConsumers(stream, name)) {
            Map<String, Object> consumer = pairs((List<?>) raw);
            consumers.add(new ConsumerView((String) consumer.get("name"), number(consumer.get("pending")),
                    number(consumer.get("idle"))));
        }
        boolean paused = commands.exists(EventStreams.pauseKey(stream, name)) > 0;
        return new GroupView(name, lag, exact, source, lastDelivered, pending, oldestId, oldestAge, oldestIdle,
                oldestDeliveries, maxDeliveries, redelivered, deadLetters, paused, consumers);
    }

    record Counted(long count, boolean exact) {
    }

    /** Entries after {@code lastDelivered} still in the stream. */
    Counted lag(RedisCommands<String, String> commands, String stream, String lastDelivered, long length,
                String firstEntryId, String lastGeneratedId) {
        if (length == 0 || lastGeneratedId == null) {
            return new Counted(0, true);
        }
        StreamId delivered = StreamId.parse(lastDelivered);
        if (delivered.compareTo(StreamId.parse(lastGeneratedId)) >= 0) {
            return new Counted(0, true);
        }
        if (firstEntryId != null && delivered.compareTo(StreamId.parse(firstEntryId)) < 0) {
            return new Counted(length, true);
        }
        return countAfter(commands, stream, delivered.toString(), null, properties.lagScanLimit());
    }

    /** Entries with ids in ({@code after}, {@code upTo}] ({@code upTo} null: to the end), counting at most {@code limit}. */
    Counted countAfter(RedisCommands<String, String> commands, String stream, String after, String upTo, int limit) {
        return count(commands, stream, Range.Boundary.excluding(after),
                upTo == null ? Range.Boundary.unbounded() : Range.Boundary.including(upTo), limit);
    }

    /** Entries whose ids fall in [{@code fromMillis}, {@code toMillis}): ids carry the time Redis added them. */
    Counted countAdded(String stream, long fromMillis, long toMillis, int limit) {
        return count(redis.commands(), stream, Range.Boundary.including(fromMillis + "-0"),
                Range.Boundary.excluding(toMillis + "-0"), limit);
    }

    private static Counted count(RedisCommands<String, String> commands, String stream, Range.Boundary<String> start,
                                 Range.Boundary<String> end, int limit) {
        long count = 0;
        while (true) {
            int want = (int) Math.min(PAGE, limit - count);
            if (want <= 0) {
                boolean more = !commands.xrange(stream, Range.from(start, end), Limit.from(1)).isEmpty();
                return new Counted(count, !more);
            }
            List<StreamMessage<String, String>> page = commands.xrange(stream, Range.from(start, end), Limit.from(want));
            count += page.size();
            if (page.size() < want) {
                return new Counted(count, true);
            }
            start = Range.Boundary.excluding(page.getLast().getId());
        }
    }

    List<PendingView> pending(String stream, String group, String after, int limit) {
        Range<String> range = Range.from(after == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(after),
                Range.Boundary.unbounded());
        long now = clock.millis();
        return redis.commands().xpending(stream, group, range, Limit.from(limit)).stream()
                .map(entry -> new PendingView(entry.getId(), entry.getConsumer(), entry.getMsSinceLastDelivery(),
                        entry.getRedeliveryCount(), Math.max(0, now - StreamId.parse(entry.getId()).millis())))
                .toList();
    }

    boolean groupExists(String stream, String group) {
        RedisCommands<String, String> commands = redis.commands();
        if (commands.exists(stream) == 0) {
            return false;
        }
        for (Object raw : commands.xinfoGroups(stream)) {
            if (group.equals(pairs((List<?>) raw).get("name"))) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Long> deadLetterGroups(RedisCommands<String, String> commands, String dlq, long size) {
        Map<String, Long> counts = new HashMap<>();
        if (size == 0) {
            return counts;
        }
        Range.Boundary<String> start = Range.Boundary.unbounded();
        int read = 0;
        while (read < properties.deadLetterScanLimit()) {
            List<StreamMessage<String, String>> page = commands.xrange(dlq, Range.from(start, Range.Boundary.unbounded()),
                    Limit.from(Math.min(PAGE, properties.deadLetterScanLimit() - read)));
            for (StreamMessage<String, String> letter : page) {
                counts.merge(letter.getBody().getOrDefault("group", "(unknown)"), 1L, Long::sum);
            }
            read += page.size();
            if (page.size() < PAGE) {
                break;
            }
            start = Range.Boundary.excluding(page.getLast().getId());
        }
        return counts;
    }

    static Map<String, Object> pairs(List<?> flat) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), flat.get(i + 1));
        }
        return map;
    }

    private static long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        return value == null ? 0 : Long.parseLong(String.valueOf(value));
    }

    private static String entryId(Object entry) {
        if (entry instanceof List<?> list && !list.isEmpty()) {
            return String.valueOf(list.getFirst());
        }
        return null;
    }
}
