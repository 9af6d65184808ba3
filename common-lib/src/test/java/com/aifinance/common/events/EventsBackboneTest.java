package com.aifinance.common.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestInfrastructure;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EventsBackboneTest {

    private static final String STREAM = EventsTestApplication.STREAM;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redisConnection;

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventsTestApplication.RecordingHandler handler;

    @BeforeAll
    static void connect() {
        redisClient = RedisClient.create(TestInfrastructure.get().redisUrl());
        redisConnection = redisClient.connect();
    }

    @AfterAll
    static void disconnect() {
        redisConnection.close();
        redisClient.shutdown();
    }

    @Test
    void committedEventHasItsEffectExactlyOnce() {
        String eventId = commitAccountChange("acct-1", "account.opened");

        await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(eventId) == 1);
        assertThat(outboxRow(eventId)).containsEntry("published", true);
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        List<String> recorded = new ArrayList<>();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("insert into account_changes (account) values ('acct-rollback')").update();
            recorded.add(outbox.publish(STREAM, "account.opened", "acct-rollback", Map.of("account", "acct-rollback")).id());
            throw new IllegalStateException("the change fails after the event was recorded");
        })).isInstanceOf(IllegalStateException.class);

        relay.publishPending();

        assertThat(jdbc.sql("select count(*) from event_outbox where event_id = ?").param(recorded.getFirst())
                .query(Long.class).single()).isZero();
        assertThat(streamEntriesOf(recorded.getFirst())).isZero();
    }

    @Test
    void eventCommittedWhileTheRelayIsDownIsPublishedWhenItReturns() {
        relay.stop();
        String eventId;
        try {
            eventId = commitAccountChange("acct-2", "account.opened");
            assertThat(outboxRow(eventId)).containsEntry("published", false);
            assertThat(streamEntriesOf(eventId)).isZero();
        } finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(eventId) == 1);
    }

    @Test
    void eventPublishedTwiceByARelayThatDiedBeforeMarkingItHasOneEffect() {
        String eventId = commitAccountChange("acct-3", "account.opened");
        await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(eventId) == 1);

        // as if the relay had published, then died before its transaction marked the row published
        jdbc.sql("update event_outbox set published_at = null where event_id = ?").param(eventId).update();
        relay.wakeUp();

        await().atMost(Duration.ofSeconds(10)).until(() -> streamEntriesOf(eventId) == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> effectsOf(eventId) == 1);
        assertThat(pendingCount()).isZero();
    }

    @Test
    void eventsCommittedWhileRedisIsStoppedHaveTheirEffectOnceAfterItRestarts() {
        TestInfrastructure.get().stopRedis();
        List<String> eventIds = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                eventIds.add(commitAccountChange("acct-redis-" + i, "account.opened"));
            }
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                    .until(() -> eventIds.stream().allMatch(id -> !(Boolean) outboxRow(id).get("published")));
        } finally {
            TestInfrastructure.get().startRedis();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> eventIds.stream().allMatch(id -> effectsOf(id) == 1));
    }

    @Test
    void entryLeftPendingByAConsumerThatDiedIsTakenOverAndAppliedOnce() {
        String pauseKey = EventStreams.pauseKey(STREAM, "events_test");
        redis().set(pauseKey, "test");
        String eventId;
        try {
            await().pollDelay(Duration.ofMillis(500)).until(() -> true); // the worker sees the pause
            eventId = commitAccountChange("acct-4", "account.opened");
            await().atMost(Duration.ofSeconds(10)).until(() -> streamEntriesOf(eventId) == 1);
            List<StreamMessage<String, String>> taken = redis().xreadgroup(Consumer.from("events_test", "crashed-instance"),
                    XReadArgs.Builder.count(100), XReadArgs.StreamOffset.lastConsumed(STREAM));
            assertThat(taken).extracting(message -> message.getBody().get("event")).anyMatch(json -> json.contains(eventId));
            // the crashed instance never acknowledges
        } finally {
            redis().del(pauseKey);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> effectsOf(eventId) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount() == 0);
    }

    @Test
    void entryAppliedByAConsumerThatDiedBeforeAcknowledgingIsNotAppliedAgain() {
        String pauseKey = EventStreams.pauseKey(STREAM, "events_test");
        redis().set(pauseKey, "test");
        String eventId;
        try {
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            eventId = commitAccountChange("acct-5", "account.opened");
            await().atMost(Duration.ofSeconds(10)).until(() -> streamEntriesOf(eventId) == 1);
            redis().xreadgroup(Consumer.from("events_test", "crashed-after-commit"), XReadArgs.Builder.count(100),
                    XReadArgs.StreamOffset.lastConsumed(STREAM));
            // the crashed instance had committed its effect and inbox row, then died before XACK
            transactions.executeWithoutResult(status -> {
                jdbc.sql("insert into event_inbox (consumer_group, event_id, stream, type) values ('events_test', ?, ?, 'account.opened')")
                        .params(eventId, STREAM).update();
                jdbc.sql("insert into applied_effects (event_id, type) values (?, 'account.opened')").param(eventId).update();
            });
        } finally {
            redis().del(pauseKey);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingCount() == 0);
        assertThat(effectsOf(eventId)).isEqualTo(1);
        assertThat(handler.attempts).doesNotContainKey(eventId);
    }

    @Test
    void poisonEventMovesToTheDeadLetterStreamAfterMaxAttempts() {
        String eventId = commitAccountChange("acct-6", "poison");

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLettersOf(eventId).size() == 1);
        Map<String, String> letter = deadLettersOf(eventId).getFirst();
        assertThat(letter.get("reason")).contains("gave up after 3 attempts").contains("this event can never be applied");
        assertThat(letter).containsEntry("stream", STREAM).containsEntry("group", "events_test");
        assertThat(handler.attempts.get(eventId)).hasValue(3);
        assertThat(effectsOf(eventId)).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount() == 0);
    }

    @Test
    void malformedEntryMovesToTheDeadLetterStreamAtOnce() {
        String entryId = redis().xadd(STREAM, Map.of("event", "{not json"));

        await().atMost(Duration.ofSeconds(10)).until(() -> redis().xrange(EventStreams.deadLetterOf(STREAM),
                        io.lettuce.core.Range.create("-", "+")).stream()
                .anyMatch(letter -> entryId.equals(letter.getBody().get("entryId"))
                        && letter.getBody().get("reason").startsWith("malformed event")));
    }

    @Test
    void recordingAnEventOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.publish(STREAM, "account.opened", "acct-7", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
    }

    private String commitAccountChange(String account, String type) {
        return transactions.execute(status -> {
            jdbc.sql("insert into account_changes (account) values (?)").param(account).update();
            return outbox.publish(STREAM, type, account, Map.of("account", account)).id();
        });
    }

    private long effectsOf(String eventId) {
        return jdbc.sql("select count(*) from applied_effects where event_id = ?").param(eventId).query(Long.class).single();
    }

    private Map<String, Object> outboxRow(String eventId) {
        return jdbc.sql("select published_at is not null as published from event_outbox where event_id = ?")
                .param(eventId).query().singleRow();
    }

    private long streamEntriesOf(String eventId) {
        return redis().xrange(STREAM, io.lettuce.core.Range.create("-", "+")).stream()
                .filter(entry -> entry.getBody().getOrDefault("event", "").contains(eventId))
                .count();
    }

    private List<Map<String, String>> deadLettersOf(String eventId) {
        return redis().xrange(EventStreams.deadLetterOf(STREAM), io.lettuce.core.Range.create("-", "+")).stream()
                .map(StreamMessage::getBody)
                .filter(body -> body.getOrDefault("event", "").contains(eventId))
                .toList();
    }

    private long pendingCount() {
        return redis().xpending(STREAM, "events_test").getCount();
    }

    private static RedisCommands<String, String> redis() {
        return redisConnection.sync();
    }
}
