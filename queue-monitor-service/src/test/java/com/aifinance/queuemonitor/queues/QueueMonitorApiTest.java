package com.aifinance.queuemonitor.queues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.queuemonitor.support.Api;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueueMonitorApiTest {

    @LocalServerPort
    int port;
    @Autowired
    QueueRedis redis;
    @Autowired
    QueueHistory history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Clock clock;

    final String ops = TestJwts.ops("ops-1");

    @Test
    void groupLagIsCountedFromTheLastDeliveredIdWhenRedisDoesNotReportIt() {
        RedisCommands<String, String> commands = redis.commands();
        String group = group(commands, EventStreams.SIGNAL);
        add(commands, EventStreams.SIGNAL, 5);
        commands.xreadgroup(Consumer.from(group, "c1"), XReadArgs.Builder.count(2),
                XReadArgs.StreamOffset.lastConsumed(EventStreams.SIGNAL));

        JsonNode view = groupView(new Api(port).get("/api/queues/streams/" + EventStreams.SIGNAL, ops).json(), group);

        assertThat(view.path("lag").asLong()).isEqualTo(3);
        assertThat(view.path("lagExact").asBoolean()).isTrue();
        assertThat(view.path("pending").asLong()).isEqualTo(2);
        assertThat(view.path("oldestPendingAgeMs").asLong()).isBetween(0L, 60_000L);
        assertThat(view.path("oldestPendingDeliveries").asLong()).isEqualTo(1);
        assertThat(view.path("consumers").path(0).path("name").asString()).isEqualTo("c1");
        assertThat(view.path("consumers").path(0).path("pending").asLong()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(new Api(port).get("/actuator/prometheus", null).body())
                        .containsPattern("aifa_queue_lag\\{group=\"" + group + "\",[^}]*stream=\"aifa.signal\"} 3.0")
                        .containsPattern("aifa_queue_pending\\{group=\"" + group + "\",[^}]*} 2.0")
                        .contains("aifa_queue_oldest_pending_age_seconds{group=\"" + group + "\"")
                        .containsPattern("aifa_queue_dead_letters\\{[^}]*stream=\"aifa.signal\"}")
                        .contains("aifa_notifications_deliveries_total{channel=\"telegram\""));
        Api.Response pending = new Api(port).get("/api/queues/streams/aifa.signal/groups/" + group + "/pending?limit=1", ops);
        assertThat(pending.json().path("items").size()).isEqualTo(1);
        assertThat(pending.json().path("next").asString()).isNotBlank();
    }

    @Autowired
    QueueInspector inspector;

    @Test
    void lagIsTheWholeStreamWhenTheGroupIsBehindTrimmedEntriesAndALowerBoundPastTheScanLimit() {
        RedisCommands<String, String> commands = redis.commands();
        String stream = "test.trimmed." + UUID.randomUUID();
        add(commands, stream, 10);
        commands.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), "g", XGroupCreateArgs.Builder.mkstream(true));
        commands.xreadgroup(Consumer.from("g", "c"), XReadArgs.Builder.count(2), XReadArgs.StreamOffset.lastConsumed(stream));
        assertThat(inspector.stream(stream).groups().getFirst().lag()).isEqualTo(8);

        commands.xtrim(stream, 5);

        QueueInspector.GroupView trimmed = inspector.stream(stream).groups().getFirst();
        assertThat(trimmed.lag()).isEqualTo(5);
        assertThat(trimmed.lagExact()).isTrue();
        assertThat(trimmed.lagSource()).isEqualTo("counted");
        QueueInspector.Counted capped = inspector.countAfter(commands, stream, "0-0", null, 3);
        assertThat(capped).isEqualTo(new QueueInspector.Counted(3, false));
        assertThat(inspector.countAfter(commands, stream, "0-0", null, 5)).isEqualTo(new QueueInspector.Counted(5, true));
    }

    @Test
    void theApiIsDocumentedInTheOpenApiDocument() {
        String document = new Api(port).get("/v3/api-docs", null).body();

        assertThat(document).contains("/api/queues/streams/{stream}/dead-letters/{id}/retry",
                "/api/queues/streams/{stream}/groups/{group}/pause", "/api/queues/streams/{stream}/history",
                "/api/queues/notifications/preferences/addresses/{channel}", "/api/queues/notifications/deliveries",
                "\"bearer\"");
    }

    @Test
    void onlyOpsSeeTheQueuesAndUnknownStreamsAreNotFound() {
        Api api = new Api(port);

        assertThat(api.get("/api/queues/streams", TestJwts.subscriber("u1", "enterprise")).status()).isEqualTo(403);
        assertThat(api.get("/api/queues/streams", null).status()).isEqualTo(401);
        assertThat(api.get("/api/queues/streams/not.a.stream", ops).body()).contains("problems/not-found");
        JsonNode streams = api.get("/api/queues/streams", ops).json();
        List<String> names = new ArrayList<>();
        streams.forEach(stream -> names.add(stream.path("stream").asString()));
        assertThat(names).containsExactly("aifa.billing", "aifa.subscription", "aifa.signal", "aifa.enterprise", "aifa.notify");
    }

    @Test
    void aDeadLetterIsRetriedIntoItsStreamAndTheRetryIsAudited() {
        RedisCommands<String, String> commands = redis.commands();
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/enterprise-service\","
                + "\"type\":\"member.added\",\"time\":\"2026-11-26T07:00:00Z\",\"data\":{}}";
        String letter = deadLetter(commands, EventStreams.ENTERPRISE, "billing-service", event);
        Api api = new Api(port);

        JsonNode listed = api.get("/api/queues/streams/aifa.enterprise/dead-letters?group=billing-service&limit=1000", ops).json();
        assertThat(listed.path("items").findValuesAsString("id")).contains(letter);
        assertThat(api.post("/api/queues/streams/aifa.enterprise/dead-letters/" + letter + "/retry", ops, "{}").status())
                .as("a reason is required").isEqualTo(400);
        Api.Response retried = api.post("/api/queues/streams/aifa.enterprise/dead-letters/" + letter + "/retry", ops,
                "{\"reason\":\"handler fixed in 1.4.2\"}");

        assertThat(retried.status()).isEqualTo(200);
        String newId = retried.json().path("entryIds").path(0).asString();
        StreamMessage<String, String> readded = commands.xrange(EventStreams.ENTERPRISE, Range.create(newId, newId)).getFirst();
        assertThat(readded.getBody()).containsEntry("event", event).containsEntry("retriedFrom", letter)
                .doesNotContainKey("reason");
        assertThat(commands.xrange("aifa.enterprise.dlq", Range.create(letter, letter))).isEmpty();
        assertThat(api.post("/api/queues/streams/aifa.enterprise/dead-letters/" + letter + "/retry", ops,
                "{\"reason\":\"again\"}").status()).isEqualTo(404);
        assertThat(jdbc.sql("select actor || '|' || address || '|' || reason from queue_actions where action = 'retry' and entry_id = ?")
                .param(letter).query(String.class).list()).containsExactly("ops-1|127.0.0.1|handler fixed in 1.4.2");
    }

    @Test
    void allDeadLettersOfAGroupAreRetriedAndOneIsDiscardedWithAReason() {
        RedisCommands<String, String> commands = redis.commands();
        String group = "retry-all-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            deadLetter(commands, EventStreams.ENTERPRISE, group, "{\"not\":\"an event\"}");
        }
        String doomed = deadLetter(commands, EventStreams.ENTERPRISE, "other-" + UUID.randomUUID(), "{}");
        Api api = new Api(port);

        Api.Response all = api.post("/api/queues/streams/aifa.enterprise/dead-letters/retry?group=" + group, ops,
                "{\"reason\":\"replaying after the outage\"}");
        Api.Response discarded = api.post("/api/queues/streams/aifa.enterprise/dead-letters/" + doomed + "/discard", ops,
                "{\"reason\":\"test data from staging\"}");

        assertThat(all.json().path("affected").asInt()).isEqualTo(3);
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(commands.xrange("aifa.enterprise.dlq", Range.create(doomed, doomed))).isEmpty();
        JsonNode trail = api.get("/api/queues/actions?stream=aifa.enterprise&action=discard&size=50", ops).json();
        assertThat(trail.path("items").findValuesAsString("reason")).contains("test data from staging");
        assertThat(jdbc.sql("select affected from queue_actions where action = 'retry_all' and consumer_group = ?")
                .param(group).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void stuckPendingEntriesAreMovedToTheDeadLetterStream() {
        RedisCommands<String, String> commands = redis.commands();
        String group = group(commands, EventStreams.SUBSCRIPTION);
        List<String> ids = add(commands, EventStreams.SUBSCRIPTION, 2);
        commands.xreadgroup(Consumer.from(group, "stuck-consumer"), XReadArgs.Builder.count(2),
                XReadArgs.StreamOffset.lastConsumed(EventStreams.SUBSCRIPTION));
        Api api = new Api(port);
        String path = "/api/queues/streams/aifa.subscription/groups/" + group + "/pending/dead-letter";

        assertThat(api.post(path, ops, "{\"entryIds\":[\"" + ids.get(0) + "\"],\"minIdleSeconds\":5,\"reason\":\"x\"}").status())
                .isEqualTo(400);
        Api.Response moved = api.post(path, ops, "{\"entryIds\":[\"" + ids.get(0) + "\"],\"reason\":\"consumer hangs on it\"}");

        assertThat(moved.json().path("affected").asInt()).isEqualTo(1);
        assertThat(commands.xpending(EventStreams.SUBSCRIPTION, group).getCount()).isEqualTo(1);
        List<StreamMessage<String, String>> letters = commands.xrange("aifa.subscription.dlq", Range.create("-", "+"));
        assertThat(letters.getLast().getBody()).containsEntry("entryId", ids.get(0)).containsEntry("group", group)
                .containsEntry("deliveries", "1").containsEntry("movedBy", "ops-1")
                .containsEntry("reason", "moved by an operator: consumer hangs on it");
        assertThat(api.post("/api/queues/streams/aifa.subscription/groups/no-such-group/pending/dead-letter", ops,
                "{\"minIdleSeconds\":1,\"reason\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void pausingTheNotifyGroupStopsItsWorkerUntilItIsResumed() {
        Api api = new Api(port);
        String path = "/api/queues/streams/aifa.notify/groups/queue-monitor-service/";
        String email = "paused-" + UUID.randomUUID() + "@example.com";

        assertThat(api.post(path + "pause", ops, "{\"reason\":\"provider incident\"}").status()).isEqualTo(200);
        assertThat(api.post(path + "pause", ops, "{\"reason\":\"twice\"}").status()).isEqualTo(409);
        // A read already blocking when the key appears still returns; the pause holds from the next read (aifa.events.block).
        await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(2)).until(() -> true);
        String notification = publishIncidentTo(email);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> deliveries(notification) == 0);
        assertThat(api.post(path + "resume", ops, "{\"reason\":\"provider back\"}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(notification) == 1);
        assertThat(redis.commands().exists(EventStreams.pauseKey("aifa.notify", "queue-monitor-service"))).isZero();
        assertThat(jdbc.sql("select action from queue_actions where stream = 'aifa.notify' and reason in ('provider incident', 'provider back') order by id")
                .query(String.class).list()).containsExactly("pause", "resume");
    }

    @Test
    void historyKeepsEntriesInPerMinuteAndWhatEachGroupFinished() {
        await().atMost(Duration.ofSeconds(15)).until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 45);
        RedisCommands<String, String> commands = redis.commands();
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String group = group(commands, EventStreams.BILLING);
        history.sample(minute.minus(Duration.ofMinutes(1)));
        add(commands, EventStreams.BILLING, 4);
        List<StreamMessage<String, String>> read = commands.xreadgroup(Consumer.from(group, "c"), XReadArgs.Builder.count(4),
                XReadArgs.StreamOffset.lastConsumed(EventStreams.BILLING));
        commands.xack(EventStreams.BILLING, group, read.get(0).getId(), read.get(1).getId(), read.get(2).getId());

        history.sample(minute);

        Api api = new Api(port);
        JsonNode groupRows = api.get("/api/queues/streams/aifa.billing/history?group=" + group, ops).json();
        assertThat(groupRows.path("items").path(0).path("entriesOut").asLong()).isEqualTo(3);
        assertThat(groupRows.path("items").path(0).path("pending").asLong()).isEqualTo(1);
        JsonNode streamRows = api.get("/api/queues/streams/aifa.billing/history", ops).json();
        assertThat(streamRows.path("items").path(0).path("entriesIn").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(api.get("/api/queues/streams/aifa.billing/history?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", ops)
                .status()).isEqualTo(400);
    }

    private String publishIncidentTo(String email) {
        Map<String, Object> data = new LinkedHashMap<>();
        String id = "n-" + UUID.randomUUID();
        data.put("notificationId", id);
        data.put("template", "incident");
        data.put("recipient", Map.of("email", email));
        data.put("channel", "email");
        data.put("params", Map.of("severity", "minor", "title", "t", "summary", "s", "status", "resolved",
                "statusUrl", "https://status.aifinance.test"));
        transactions.executeWithoutResult(status -> outbox.publish(EventStreams.NOTIFY, "notification.requested", id, data));
        return id;
    }

    private long deliveries(String notificationId) {
        return jdbc.sql("select count(*) from notification_deliveries where notification_id = ? and status = 'delivered'")
                .param(notificationId).query(Long.class).single();
    }

    private static String group(RedisCommands<String, String> commands, String stream) {
        String group = "test-" + UUID.randomUUID();
        commands.xgroupCreate(XReadArgs.StreamOffset.from(stream, "$"), group, XGroupCreateArgs.Builder.mkstream(true));
        return group;
    }

    private static List<String> add(RedisCommands<String, String> commands, String stream, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(commands.xadd(stream, Map.of("event", "{\"n\":" + i + "}")));
        }
        return ids;
    }

    private static String deadLetter(RedisCommands<String, String> commands, String stream, String group, String event) {
        return commands.xadd(EventStreams.deadLetterOf(stream), Map.of("event", event, "reason", "gave up after 5 attempts",
                "stream", stream, "group", group, "entryId", "1764140000000-0", "deliveries", "6",
                "deadLetteredAt", "2026-11-26T07:00:00Z"));
    }

    private static JsonNode groupView(JsonNode stream, String group) {
        for (JsonNode candidate : stream.path("groups")) {
            if (candidate.path("name").asString().equals(group)) {
                return candidate;
            }
        }
        throw new AssertionError("no group " + group + " in " + stream);
    }
}
