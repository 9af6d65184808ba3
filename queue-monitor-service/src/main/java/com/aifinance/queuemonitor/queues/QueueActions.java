package com.aifinance.queuemonitor.queues;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.queuemonitor.audit.QueueAudit;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operator actions on streams. Each Redis change is one Lua script, so a dead letter is never both retried and kept,
 * nor a pending entry both moved and left pending; each runs inside a database transaction that first writes the
 * audit record (actor, address, reason), so an action that fails is not recorded and one that cannot be recorded is
 * not done.
 */
@Component
class QueueActions {

    /** The fields the consumer workers (and this class) add to a dead letter; the rest is the original entry. */
    private static final String RETRY = """
            local found = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
            if #found == 0 then return false end
            local meta = {reason=true, stream=true, group=true, entryId=true, deliveries=true, deadLetteredAt=true,
                          movedBy=true, retriedFrom=true}
            local fields = found[1][2]
            local out = {}
            for i = 1, #fields, 2 do
              if not meta[fields[i]] then
                out[#out + 1] = fields[i]
                out[#out + 1] = fields[i + 1]
              end
            end
            out[#out + 1] = 'retriedFrom'
            out[#out + 1] = ARGV[1]
            local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', unpack(out))
            redis.call('XDEL', KEYS[1], ARGV[1])
            return id
            """;

    private static final String MOVE_PENDING = """
            local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
            if #pending == 0 then return false end
            local out = {}
            local found = redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[2])
            if #found > 0 then
              local fields = found[1][2]
              for i = 1, #fields, 2 do
                out[#out + 1] = fields[i]
                out[#out + 1] = fields[i + 1]
              end
            end
            local letter = {'reason', ARGV[3], 'stream', KEYS[1], 'group', ARGV[1], 'entryId', ARGV[2],
                            'deliveries', tostring(pending[1][4]), 'deadLetteredAt', ARGV[5], 'movedBy', ARGV[6]}
            for i = 1, #letter do out[#out + 1] = letter[i] end
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', unpack(out))
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;

    private final QueueRedis redis;
    private final QueueInspector inspector;
    private final QueueAudit audit;
    private final TransactionTemplate transactions;
    private final QueuesProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    QueueActions(QueueRedis redis, QueueInspector inspector, QueueAudit audit, TransactionTemplate transactions,
                 QueuesProperties properties, JsonMapper json, Clock clock) {
        this.redis = redis;
        this.inspector = inspector;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Schema(description = "A dead-lettered entry")
    record DeadLetter(String id, String reason, String group, String entryId, Long deliveries, String deadLetteredAt,
                      String movedBy, String eventId, String eventType, String subject,
                      @Schema(description = "The original entry's event (CloudEvents JSON), cut at 4,000 characters") String event) {
    }

    @Schema(description = "What an action changed")
    record Outcome(String action, String stream, String group, int affected, List<String> entryIds) {
    }

    List<DeadLetter> deadLetters(String stream, String group, String after, int limit) {
        String dlq = EventStreams.deadLetterOf(stream);
        List<DeadLetter> letters = new ArrayList<>();
        Range.Boundary<String> start = after == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(after);
        while (letters.size() < limit) {
            List<StreamMessage<String, String>> page = redis.commands().xrange(dlq,
                    Range.from(start, Range.Boundary.unbounded()), Limit.from(200));
            for (StreamMessage<String, String> entry : page) {
                if (group == null || group.equals(entry.getBody().get("group"))) {
                    letters.add(letter(entry));
                    if (letters.size() == limit) {
                        break;
                    }
                }
            }
            if (page.size() < 200) {
                break;
            }
            start = Range.Boundary.excluding(page.getLast().getId());
        }
        return letters;
    }

    Outcome retry(String stream, String deadLetterId, String reason) {
        return transactions.execute(status -> {
            audit.record("retry", stream, null, deadLetterId, reason, 1);
            String newId = retryOne(stream, deadLetterId);
            if (newId == null) {
                throw ApiProblem.notFound("Dead letter " + deadLetterId + " of " + stream);
            }
            return new Outcome("retry", stream, null, 1, List.of(newId));
        });
    }

    /** Re-adds every dead letter of the stream (of one group, when given), up to the bulk limit. */
    Outcome retryAll(String stream, String group, String reason) {
        return transactions.execute(status -> {
            List<String> retried = new ArrayList<>();
            for (DeadLetter letter : deadLetters(stream, group, null, properties.bulkLimit())) {
                String newId = retryOne(stream, letter.id());
                if (newId != null) {
                    retried.add(newId);
                }
            }
            audit.record("retry_all", stream, group, null, reason, retried.size());
            return new Outcome("retry_all", stream, group, retried.size(), retried);
        });
    }

    Outcome discard(String stream, String deadLetterId, String reason) {
        return transactions.execute(status -> {
            audit.record("discard", stream, null, deadLetterId, reason, 1);
            if (redis.commands().xdel(EventStreams.deadLetterOf(stream), deadLetterId) == 0) {
                throw ApiProblem.notFound("Dead letter " + deadLetterId + " of " + stream);
            }
            return new Outcome("discard", stream, null, 1, List.of(deadLetterId));
        });
    }

    /**
     * Moves pending entries of a group to the dead-letter stream and acknowledges them: the listed ones, or every
     * entry pending longer than {@code minIdleMillis}.
     */
    Outcome deadLetterPending(String stream, String group, List<String> entryIds, Long minIdleMillis, String reason) {
        requireGroup(stream, group);
        return transactions.execute(status -> {
            List<String> candidates = entryIds != null && !entryIds.isEmpty() ? entryIds
                    : redis.commands().xpending(stream, XPendingArgs.Builder.xpending(group, Range.create("-", "+"),
                                    Limit.from(properties.bulkLimit())).idle(Duration.ofMillis(minIdleMillis)))
                            .stream().map(PendingMessage::getId).toList();
            List<String> moved = new ArrayList<>();
            String actor = Caller.current().map(Caller::subject).orElse("unknown");
            for (String id : candidates) {
                Object result = redis.commands().eval(MOVE_PENDING, ScriptOutputType.INTEGER,
                        new String[]{stream, EventStreams.deadLetterOf(stream)},
                        group, id, "moved by an operator: " + reason, String.valueOf(properties.streamMaxLength()),
                        clock.instant().toString(), actor);
                if (result instanceof Long one && one == 1) {
                    moved.add(id);
                }
            }
            if (entryIds != null && !entryIds.isEmpty() && moved.isEmpty()) {
                throw ApiProblem.notFound("Pending entries " + entryIds + " of group " + group);
            }
            audit.record("dead_letter", stream, group, moved.size() == 1 ? moved.getFirst() : null, reason, moved.size());
            return new Outcome("dead_letter", stream, group, moved.size(), moved);
        });
    }

    Outcome pause(String stream, String group, String reason) {
        requireGroup(stream, group);
        return transactions.execute(status -> {
            audit.record("pause", stream, group, null, reason, 0);
            String value = json.writeValueAsString(Map.of("reason", reason, "since", clock.instant().toString(),
                    "by", Caller.current().map(Caller::subject).orElse("unknown")));
            String set = redis.commands().set(EventStreams.pauseKey(stream, group), value,
                    SetArgs.Builder.nx());
            if (!"OK".equals(set)) {
                throw ApiProblem.conflict("Group " + group + " of " + stream + " is already paused");
            }
            return new Outcome("pause", stream, group, 0, List.of());
        });
    }

    Outcome resume(String stream, String group, String reason) {
        requireGroup(stream, group);
        return transactions.execute(status -> {
            audit.record("resume", stream, group, null, reason, 0);
            if (redis.commands().del(EventStreams.pauseKey(stream, group)) == 0) {
                throw ApiProblem.conflict("Group " + group + " of " + stream + " is not paused");
            }
            return new Outcome("resume", stream, group, 0, List.of());
        });
    }

    private String retryOne(String stream, String deadLetterId) {
        RedisCommands<String, String> commands = redis.commands();
        return commands.eval(RETRY, ScriptOutputType.VALUE,
                new String[]{EventStreams.deadLetterOf(stream), stream},
                deadLetterId, String.valueOf(properties.streamMaxLength()));
    }

    private void requireGroup(String stream, String group) {
        if (!inspector.groupExists(stream, group)) {
            throw ApiProblem.notFound("Consumer group " + group + " of " + stream);
        }
    }

    private DeadLetter letter(StreamMessage<String, String> entry) {
        Map<String, String> body = entry.getBody();
        String event = body.get("event");
        String eventId = null;
        String eventType = null;
        String subject = null;
        if (event != null) {
            try {
                JsonNode parsed = json.readTree(event);
                eventId = parsed.path("id").asString(null);
                eventType = parsed.path("type").asString(null);
                subject = parsed.path("subject").asString(null);
            } catch (RuntimeException notJson) {
                // a malformed entry is exactly what ends up here; show it as it is
            }
        }
        Long deliveries = null;
        try {
            deliveries = body.get("deliveries") == null ? null : Long.parseLong(body.get("deliveries"));
        } catch (NumberFormatException ignored) {
            // left null
        }
        return new DeadLetter(entry.getId(), body.get("reason"), body.get("group"), body.get("entryId"), deliveries,
                body.get("deadLetteredAt"), body.get("movedBy"), eventId, eventType, subject,
                event == null ? null : event.substring(0, Math.min(4000, event.length())));
    }
}
