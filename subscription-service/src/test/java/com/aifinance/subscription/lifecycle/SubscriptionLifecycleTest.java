package com.aifinance.subscription.lifecycle;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Registration;
import com.aifinance.subscription.testing.Api;
import com.aifinance.subscription.testing.MutableClock;
import com.aifinance.subscription.testing.Outboxes;
import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.subscription.testing.Streams;
import com.aifinance.subscription.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceTest
class SubscriptionLifecycleTest {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    PeriodEnds periodEnds;

    @Autowired
    Tiers tiers;

    @Autowired
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aSubscriberStartsATrialLinkedToTheSubscriberRecordAndGetsItsTier() {
        Account user = TestUsers.verified(registration, encoder, "trial");
        HttpResponse<String> started = new Api(port).post("/api/subscriptions/me", token(user),
                "{\"planCode\":\"pro-month-usd\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode body = Api.json(started);
        assertThat(body.path("status").asString()).isEqualTo("trialing");
        assertThat(body.path("tier").asString()).isEqualTo("pro");
        assertThat(jdbc.sql("select subscription_tier from subscribers where user_id = ?").param(user.id())
                .query(String.class).single()).isEqualTo("pro");
        assertThat(tiers.currentTier(user.id(), null)).isEqualTo("pro");
        JsonNode event = Outboxes.events(jdbc, "subscription.started", body.path("id").asString()).getFirst();
        assertThat(event.path("amountMinor").asLong()).isEqualTo(50000);
        assertThat(event.path("currency").asString()).isEqualTo("USD");
        assertThat(event.path("billingInterval").asString()).isEqualTo("month");
        assertThat(event.path("userId").asString()).isEqualTo(user.id().toString());

        assertThat(new Api(port).post("/api/subscriptions/me", token(user), "{\"planCode\":\"basic-month-usd\"}")
                .statusCode()).as("one live subscription per user").isEqualTo(409);
        assertThat(new Api(port).post("/api/subscriptions/me", token(user), "{\"planCode\":\"gold\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void upgradeTakesEffectNowAndDowngradeAtThePeriodEnd() {
        Account user = TestUsers.verified(registration, encoder, "plans");
        Subscription subscription = activeSubscription(user, "basic-month-usd");

        JsonNode upgraded = Api.json(new Api(port).post("/api/subscriptions/me/plan", token(user),
                "{\"planCode\":\"enterprise-month-usd\"}"));
        assertThat(upgraded.path("planCode").asString()).isEqualTo("enterprise-month-usd");
        JsonNode changed = Outboxes.events(jdbc, "subscription.plan_changed", subscription.id().toString()).getLast();
        assertThat(changed.path("previousPlanCode").asString()).isEqualTo("basic-month-usd");
        assertThat(changed.path("previousAmountMinor").asLong()).isEqualTo(9900);
        assertThat(changed.path("amountMinor").asLong()).isEqualTo(200000);

        JsonNode scheduled = Api.json(new Api(port).post("/api/subscriptions/me/plan", token(user),
                "{\"planCode\":\"pro-month-usd\"}"));
        assertThat(scheduled.path("planCode").asString()).isEqualTo("enterprise-month-usd");
        assertThat(scheduled.path("pendingPlanCode").asString()).isEqualTo("pro-month-usd");

        clock.advance(Duration.between(Instant.now(), subscription.periodEnd()).plusMinutes(1));
        periodEnds.processDue();
        Subscription after = subscriptions.byId(subscription.id()).orElseThrow();
        assertThat(after.planCode()).isEqualTo("pro-month-usd");
        assertThat(after.pendingPlanCode()).isNull();
        assertThat(after.status()).isEqualTo("active");
    }

    @Test
    void cancelAtPeriodEndCanBeTakenBackAndOtherwiseEndsTheSubscription() {
        Account user = TestUsers.verified(registration, encoder, "cancel");
        Subscription subscription = activeSubscription(user, "pro-year-usd");
        Api api = new Api(port);

        assertThat(Api.json(api.post("/api/subscriptions/me/cancel", token(user), null))
                .path("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(Outboxes.events(jdbc, "subscription.cancellation_scheduled", subscription.id().toString())).hasSize(1);
        assertThat(Api.json(api.post("/api/subscriptions/me/reactivate", token(user), null))
                .path("cancelAtPeriodEnd").asBoolean()).isFalse();
        assertThat(Outboxes.events(jdbc, "subscription.reactivated", subscription.id().toString())).hasSize(1);
        api.post("/api/subscriptions/me/cancel", token(user), null);

        clock.advance(Duration.between(Instant.now(), subscription.periodEnd()).plusMinutes(1));
        periodEnds.processDue();
        assertThat(subscriptions.byId(subscription.id()).orElseThrow().status()).isEqualTo("canceled");
        assertThat(Outboxes.events(jdbc, "subscription.canceled", subscription.id().toString())).hasSize(1);
        assertThat(tiers.currentTier(user.id(), null)).isEqualTo("none");
        assertThat(api.post("/api/subscriptions/me/reactivate", token(user), null).statusCode()).isEqualTo(409);
    }

    @Test
    void trialThatEndsUnpaidExpires() {
        Account user = TestUsers.verified(registration, encoder, "expire");
        Subscription trial = subscriptions.start(user.id(), "basic-month-usd", "test");
        clock.advance(Duration.ofDays(15));
        periodEnds.processDue();
        assertThat(subscriptions.byId(trial.id()).orElseThrow().status()).isEqualTo("expired");
        assertThat(Outboxes.events(jdbc, "subscription.expired", trial.id().toString())).hasSize(1);
    }

    @Test
    void paymentEventsMoveTheSubscriptionOnceAndNeverBackwards() {
        Account user = TestUsers.verified(registration, encoder, "billing");
        Subscription trial = subscriptions.start(user.id(), "pro-month-usd", "test");
        Instant paidAt = Instant.now().minusSeconds(60);

        String succeeded = payment(trial, "payment.succeeded", Streams.newId(), paidAt, Map.of("paidAt", paidAt.toString()));
        awaitStatus(trial, "active");
        assertThat(subscriptions.byId(trial.id()).orElseThrow().billingSubscriptionId()).as("linked by its first payment")
                .isEqualTo(billingId(trial));
        Streams.publish(redis, EventStreams.BILLING, succeeded, "/billing-service", "payment.succeeded",
                trial.id().toString(), paidAt, Map.of("subscriptionId", billingId(trial).toString(),
                        "paidAt", paidAt.toString()));

        // a failure from before the success arrives late: ignored
        payment(trial, "payment.failed", Streams.newId(), paidAt.minusSeconds(3600), Map.of("attempt", 1,
                "finalAttempt", false));
        String marker = payment(trial, "payment.failed", Streams.newId(), paidAt.plusSeconds(30),
                Map.of("attempt", 1, "finalAttempt", false, "reason", "card_declined"));
        awaitStatus(trial, "past_due");
        assertThat(jdbc.sql("select count(*) from event_inbox where event_id = ?").param(marker).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(Outboxes.events(jdbc, "subscription.activated", trial.id().toString())).as("applied once").hasSize(1);
        assertThat(jdbc.sql("select count(*) from subscription_transitions where subscription_id = ? and action = 'activate'")
                .param(trial.id()).query(Long.class).single()).isEqualTo(1);

        payment(trial, "payment.failed", Streams.newId(), paidAt.plusSeconds(90),
                Map.of("attempt", 4, "finalAttempt", true, "reason", "card_declined"));
        awaitStatus(trial, "canceled");
        assertThat(Outboxes.events(jdbc, "subscription.past_due", trial.id().toString())).hasSize(1);
        assertThat(Outboxes.events(jdbc, "subscription.canceled", trial.id().toString())).hasSize(1);
    }

    @Test
    void pastDueSubscriptionIsCanceledWhenTheGracePeriodEnds() {
        Account user = TestUsers.verified(registration, encoder, "grace");
        Subscription subscription = activeSubscription(user, "basic-month-usd");
        subscriptions.apply(subscription.id(), Action.MARK_PAST_DUE, null, Instant.now(), "test", "declined");
        assertThat(tiers.currentTier(user.id(), null)).as("still served while billing retries").isEqualTo("basic");
        clock.advance(Duration.ofDays(8));
        periodEnds.processDue();
        assertThat(subscriptions.byId(subscription.id()).orElseThrow().status()).isEqualTo("canceled");
    }

    @Test
    void opsTransitionsAreRefusedToOthersCheckedAgainstTheTableAndAudited() {
        Account user = TestUsers.verified(registration, encoder, "ops");
        Subscription trial = subscriptions.start(user.id(), "pro-month-usd", "test");
        Api api = new Api(port);
        String path = "/api/subscriptions/ops/subscriptions/" + trial.id() + "/transitions";
        String activate = "{\"action\":\"activate\",\"reason\":\"paid by bank transfer, ticket 42\"}";

        assertThat(api.post(path, token(user), activate).statusCode()).isEqualTo(403);
        HttpResponse<String> done = api.post(path, TestJwts.ops("ops-7"), activate);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(Api.json(done).path("status").asString()).isEqualTo("active");

        Map<String, Object> audit = jdbc.sql("""
                        select actor, remote_address, before_state ->> 'status' as before, after_state ->> 'status' as after
                        from audit_log where target = ? and action = 'subscription.activate'""")
                .param("subscription:" + trial.id()).query().singleRow();
        assertThat(audit).containsEntry("actor", "ops:ops-7").containsEntry("before", "trialing")
                .containsEntry("after", "active").containsEntry("remote_address", "127.0.0.1");

        HttpResponse<String> illegal = api.post(path, TestJwts.ops("ops-7"),
                "{\"action\":\"reactivate\",\"reason\":\"try\"}");
        assertThat(illegal.statusCode()).isEqualTo(409);
        assertThat(illegal.body()).contains("cannot reactivate");
        assertThat(api.post(path, TestJwts.ops("ops-7"), "{\"action\":\"fly\",\"reason\":\"x\"}").statusCode())
                .isEqualTo(400);
        assertThat(api.post(path, TestJwts.ops("ops-7"), "{\"action\":\"cancel\"}").statusCode())
                .as("a reason is required").isEqualTo(400);
        assertThat(Api.json(api.get("/api/subscriptions/ops/subscriptions/" + trial.id(), TestJwts.ops("ops-7")))
                .path("transitions")).hasSize(2);
    }

    private Subscription activeSubscription(Account user, String plan) {
        Subscription trial = subscriptions.start(user.id(), plan, "test");
        return subscriptions.apply(trial.id(), Action.ACTIVATE, null, Instant.now(), "test", "paid").after();
    }

    private String payment(Subscription subscription, String type, String eventId, Instant time,
                           Map<String, Object> extra) {
        Map<String, Object> data = new HashMap<>(extra);
        data.put("paymentId", "pay-" + eventId.substring(0, 8));
        data.put("provider", "stripe");
        data.put("userId", subscription.userId().toString());
        data.put("subscriptionId", billingId(subscription).toString());
        data.put("amountMinor", subscription.amountMinor());
        data.put("currency", subscription.currency());
        return Streams.publish(redis, EventStreams.BILLING, eventId, "/billing-service", type,
                subscription.id().toString(), time, data);
    }

    /** billing-service's own id for the subscription it charges (the first payment links the two). */
    private static UUID billingId(Subscription subscription) {
        return UUID.nameUUIDFromBytes(("billing:" + subscription.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void awaitStatus(Subscription subscription, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(subscriptions.byId(subscription.id()).orElseThrow().status()).isEqualTo(status));
    }

    private static String token(Account user) {
        return TestJwts.subscriber(user.id().toString(), "none");
    }

}
