package com.aifinance.subscription.lifecycle;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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

/**
 * billing-service's subscriptions mirrored here through the real consumer: events are written to {@code aifa.billing}
 * as billing's outbox relay writes them, with the fields billing publishes (docs/contracts.md), and the service's
 * consumer group picks them up.
 */
@ServiceTest
class BillingMirrorTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

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
    void aTrialIsLinkedByItsFirstPaymentAndActivatedOnThePlanPaidFor() {
        Account user = TestUsers.verified(registration, encoder, "checkout");
        HttpResponse<String> trial = api().post("/api/subscriptions/me", token(user), "{\"planCode\":\"pro-month-usd\"}");
        assertThat(trial.statusCode()).isEqualTo(201);
        UUID trialId = UUID.fromString(Api.json(trial).path("id").asString());
        Billing billing = new Billing(user, "basic-month-usd");
        Instant paidAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant periodEnd = monthAfter(paidAt);

        String payment = billing.paid(paidAt, paidAt, periodEnd);
        Subscription active = awaitStatus(trialId, "active");
        billing.redeliver(payment);                                     // the same entry delivered twice
        billing.paid(paidAt.minusSeconds(30), paidAt.minusSeconds(30), periodEnd); // an older payment arriving late

        await().atMost(PATIENCE).until(() -> handled(payment) && inboxHas(billing.lastEventId()));
        assertThat(active.billingSubscriptionId()).isEqualTo(billing.id());
        assertThat(active.planCode()).as("the plan paid for, not the trial's").isEqualTo("basic-month-usd");
        assertThat(active.tier()).isEqualTo("basic");
        assertThat(active.periodStart()).isEqualTo(paidAt);
        assertThat(active.periodEnd()).isEqualTo(periodEnd);
        assertThat(active.trialEnd()).isNull();
        assertThat(entitlement(user).path("tier").asString()).isEqualTo("basic");
        assertThat(tiers.currentTier(user.id(), null)).isEqualTo("basic");
        assertThat(transitions(trialId)).extracting(row -> row.get("action"), row -> row.get("actor"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("start", "user:" + user.id()),
                        org.assertj.core.groups.Tuple.tuple("link_billing", "billing-service"),
                        org.assertj.core.groups.Tuple.tuple("activate", "billing-service"));
        JsonNode activated = Outboxes.events(jdbc, "subscription.activated", trialId.toString()).getLast();
        assertThat(Outboxes.events(jdbc, "subscription.activated", trialId.toString())).as("applied once").hasSize(1);
        assertThat(activated.path("billingSubscriptionId").asString()).isEqualTo(billing.id().toString());
        assertThat(activated.path("previousPlanCode").asString()).isEqualTo("pro-month-usd");
        assertThat(Api.json(api().get("/api/subscriptions/me", token(user))).path("billingSubscriptionId").asString())
                .isEqualTo(billing.id().toString());
    }

    @Test
    void aCheckoutWithoutATrialStartsAnActiveSubscriptionWithTheTierPaidFor() {
        Account user = TestUsers.verified(registration, encoder, "direct");
        Billing billing = new Billing(user, "pro-year-usd");
        Instant paidAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        billing.paid(paidAt, paidAt, paidAt.atOffset(ZoneOffset.UTC).plusYears(1).toInstant());

        Subscription started = awaitMirror(billing);
        assertThat(started.status()).isEqualTo("active");
        assertThat(started.tier()).isEqualTo("pro");
        assertThat(started.billingInterval()).isEqualTo("year");
        assertThat(started.periodEnd()).isEqualTo(paidAt.atOffset(ZoneOffset.UTC).plusYears(1).toInstant());
        JsonNode entitlement = entitlement(user);
        assertThat(entitlement.path("tier").asString()).isEqualTo("pro");
        assertThat(entitlement.path("features").path("advanced_analytics").asBoolean()).isTrue();
        JsonNode event = Outboxes.events(jdbc, "subscription.started", started.id().toString()).getFirst();
        assertThat(event.path("status").asString()).isEqualTo("active");
        assertThat(event.path("billingSubscriptionId").asString()).isEqualTo(billing.id().toString());
        assertThat(jdbc.sql("select subscription_tier from subscribers where user_id = ?").param(user.id())
                .query(String.class).single()).isEqualTo("pro");
        assertThat(api().post("/api/subscriptions/me", token(user), "{\"planCode\":\"basic-month-usd\"}").statusCode())
                .as("a paid subscription is live: no trial next to it").isEqualTo(409);
    }

    @Test
    void anUpgradeAtBillingIsInForceNowAndADowngradeFromTheRenewalOn() {
        Account user = TestUsers.verified(registration, encoder, "plans");
        Billing billing = new Billing(user, "basic-month-usd");
        Instant paidAt = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant periodEnd = monthAfter(paidAt);
        billing.paid(paidAt, paidAt, periodEnd);
        Subscription subscription = awaitMirror(billing);

        billing.planChanged("pro-month-usd", paidAt.plus(Duration.ofDays(1)));
        await().atMost(PATIENCE).until(() -> current(subscription).planCode().equals("pro-month-usd"));
        assertThat(tiers.currentTier(user.id(), null)).isEqualTo("pro");
        assertThat(entitlement(user).path("tier").asString()).isEqualTo("pro");

        billing.cancellationScheduled(paidAt.plus(Duration.ofDays(1)).plusSeconds(10));
        billing.downgradeScheduled("basic-month-usd", paidAt.plus(Duration.ofDays(1)).plusSeconds(20));
        await().atMost(PATIENCE).until(() -> "basic-month-usd".equals(current(subscription).pendingPlanCode()));
        assertThat(current(subscription).cancelAtPeriodEnd()).as("billing keeps both; so does its mirror").isTrue();
        assertThat(current(subscription).tier()).as("paid until the period ends").isEqualTo("pro");
        billing.cancellationUndone(paidAt.plus(Duration.ofDays(1)).plusSeconds(30));

        // the provider renews at the lower price: billing applies the downgrade, then reports the payment
        billing.planChanged("basic-month-usd", periodEnd);
        String renewal = billing.paid(periodEnd.plusSeconds(3_600), periodEnd, monthAfter(periodEnd));

        await().atMost(PATIENCE).until(() -> handled(renewal));
        Subscription renewed = current(subscription);
        assertThat(renewed.planCode()).isEqualTo("basic-month-usd");
        assertThat(renewed.pendingPlanCode()).isNull();
        assertThat(renewed.cancelAtPeriodEnd()).isFalse();
        assertThat(renewed.periodStart()).isEqualTo(periodEnd);
        assertThat(renewed.periodEnd()).isEqualTo(monthAfter(periodEnd));
        assertThat(transitions(subscription.id())).extracting(row -> row.get("action")).containsExactly(
                "start", "upgrade", "schedule_cancel", "schedule_downgrade", "undo_cancel", "apply_downgrade",
                "activate");
        assertThat(transitions(subscription.id())).allSatisfy(row -> assertThat(row.get("actor"))
                .isEqualTo("billing-service"));
        assertThat(Outboxes.events(jdbc, "subscription.plan_changed", subscription.id().toString()))
                .extracting(event -> event.path("planCode").asString())
                .containsExactly("pro-month-usd", "basic-month-usd");
    }

    @Test
    void aCancellationAtThePeriodEndCanBeTakenBackAndTheProvidersCancellationEndsIt() {
        Account user = TestUsers.verified(registration, encoder, "cancel");
        Billing billing = new Billing(user, "pro-month-usd");
        Instant t = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        billing.paid(t, t, monthAfter(t));
        Subscription subscription = awaitMirror(billing);

        billing.cancellationScheduled(t.plusSeconds(60));
        await().atMost(PATIENCE).until(() -> current(subscription).cancelAtPeriodEnd());
        billing.cancellationUndone(t.plusSeconds(120));
        await().atMost(PATIENCE).until(() -> !current(subscription).cancelAtPeriodEnd());
        billing.cancellationScheduled(t.plusSeconds(180));
        billing.cancellationUndone(t.plusSeconds(150));                  // older than the last: arrives late
        String late = billing.lastEventId();
        await().atMost(PATIENCE).until(() -> handled(late));
        assertThat(current(subscription).cancelAtPeriodEnd()).as("a late take-back changes nothing").isTrue();
        assertThat(Outboxes.events(jdbc, "subscription.cancellation_scheduled", subscription.id().toString()))
                .hasSize(2);

        billing.canceled("provider", t.plusSeconds(240));

        assertThat(awaitStatus(subscription.id(), "canceled").endedAt()).isEqualTo(t.plusSeconds(240));
        assertThat(tiers.currentTier(user.id(), null)).isEqualTo("none");
        assertThat(entitlement(user).path("tier").asString()).isEqualTo("none");
        JsonNode canceled = Outboxes.events(jdbc, "subscription.canceled", subscription.id().toString()).getFirst();
        assertThat(canceled.path("billingSubscriptionId").asString()).isEqualTo(billing.id().toString());
        assertThat(transitions(subscription.id()).getLast()).containsEntry("action", "cancel")
                .containsEntry("actor", "billing-service");
    }

    @Test
    void dunningsLastFailedAttemptEndsTheSubscriptionWhichBillingNotTheGracePeriodDecides() {
        Account user = TestUsers.verified(registration, encoder, "dunning");
        Billing billing = new Billing(user, "pro-month-usd");
        Instant t = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        billing.paid(t, t, monthAfter(t));
        Subscription subscription = awaitMirror(billing);

        billing.failed(1, false, t.plusSeconds(60));
        awaitStatus(subscription.id(), "past_due");
        assertThat(tiers.currentTier(user.id(), null)).as("served while billing retries").isEqualTo("pro");
        clock.advance(Duration.ofDays(9));
        periodEnds.processDue();
        assertThat(current(subscription).status()).as("billing's dunning runs longer than our grace period")
                .isEqualTo("past_due");
        clock.reset();

        // billing publishes both when its last retry fails, in this order and at the same instant
        billing.canceled("dunning", t.plusSeconds(120));
        billing.failed(4, true, t.plusSeconds(120));
        String last = billing.lastEventId();

        awaitStatus(subscription.id(), "canceled");
        await().atMost(PATIENCE).until(() -> handled(last));
        assertThat(Outboxes.events(jdbc, "subscription.canceled", subscription.id().toString())).hasSize(1);
        assertThat(tiers.currentTier(user.id(), null)).isEqualTo("none");

        // a late payment from before the end does not bring it back
        String stale = billing.paid(t.plusSeconds(90), t, monthAfter(t));
        await().atMost(PATIENCE).until(() -> handled(stale));
        assertThat(current(subscription).status()).isEqualTo("canceled");
    }

    @Test
    void anOrganisationsEnterpriseSubscriptionGivesEveryMemberTheTierUntilItEnds() {
        UUID organisation = UUID.randomUUID();
        Account admin = TestUsers.verified(registration, encoder, "org-admin");
        Account member = TestUsers.verified(registration, encoder, "org-member");
        for (Account account : List.of(admin, member)) {
            jdbc.sql("update users set organisation_id = ? where id = ?").params(organisation, account.id()).update();
        }
        assertThat(entitlement(member).path("tier").asString()).isEqualTo("none");
        Billing billing = new Billing(admin, "enterprise-month-usd").organisation(organisation);
        Instant t = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        billing.paid(t, t, monthAfter(t));

        Subscription subscription = awaitMirror(billing);
        assertThat(subscription.organisationId()).isEqualTo(organisation);
        assertThat(tiers.currentTier(member.id(), organisation)).isEqualTo("enterprise");
        JsonNode membersView = entitlement(member);
        assertThat(membersView.path("tier").asString()).isEqualTo("enterprise");
        assertThat(membersView.path("apiQuotaScope").asString()).isEqualTo("organisation");
        assertThat(Outboxes.events(jdbc, "subscription.started", subscription.id().toString()).getFirst()
                .path("organisationId").asString()).isEqualTo(organisation.toString());

        billing.canceled("customer", t.plusSeconds(60));

        awaitStatus(subscription.id(), "canceled");
        assertThat(entitlement(member).path("tier").asString()).as("the organisation's cached answer is stale")
                .isEqualTo("none");
    }

    @Test
    void aPaidSubscriptionIsChangedAtBillingAndTheAnswerSaysWhere() {
        Account user = TestUsers.verified(registration, encoder, "self-service");
        Billing billing = new Billing(user, "pro-month-usd");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        billing.paid(t, t, monthAfter(t));
        Subscription subscription = awaitMirror(billing);
        String base = "/api/billing/subscriptions/" + billing.id();

        HttpResponse<String> plan = api().post("/api/subscriptions/me/plan", token(user),
                "{\"planCode\":\"enterprise-month-usd\"}");
        HttpResponse<String> cancel = api().post("/api/subscriptions/me/cancel", token(user), null);
        HttpResponse<String> reactivate = api().post("/api/subscriptions/me/reactivate", token(user), null);

        for (HttpResponse<String> refused : List.of(plan, cancel, reactivate)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            JsonNode problem = Api.json(refused);
            assertThat(problem.path("type").asString()).isEqualTo("tag:aifinance.agency,2026:problems/managed-by-billing");
            assertThat(problem.path("billingSubscriptionId").asString()).isEqualTo(billing.id().toString());
            assertThat(problem.path("changePlan").asString()).isEqualTo(base + "/plan");
            assertThat(problem.path("cancel").asString()).isEqualTo(base + "/cancel");
            assertThat(problem.path("reactivate").asString()).isEqualTo(base + "/reactivate");
        }
        assertThat(Api.json(plan).path("detail").asString()).contains("POST " + base + "/plan");
        Subscription unchanged = current(subscription);
        assertThat(unchanged.planCode()).isEqualTo("pro-month-usd");
        assertThat(unchanged.cancelAtPeriodEnd()).isFalse();
    }

    @Test
    void anEndDecidedByOpsTellsBillingWhichOfItsSubscriptionsToStop() {
        Account user = TestUsers.verified(registration, encoder, "ops-cancel");
        Billing billing = new Billing(user, "basic-month-usd");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        billing.paid(t, t, monthAfter(t));
        Subscription subscription = awaitMirror(billing);

        HttpResponse<String> canceled = api().post("/api/subscriptions/ops/subscriptions/" + subscription.id()
                + "/transitions", TestJwts.ops("ops-3"), "{\"action\":\"cancel\",\"reason\":\"fraud, ticket 77\"}");

        assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
        JsonNode event = Outboxes.events(jdbc, "subscription.canceled", subscription.id().toString()).getFirst();
        assertThat(event.path("billingSubscriptionId").asString()).isEqualTo(billing.id().toString());
        assertThat(event.path("userId").asString()).isEqualTo(user.id().toString());
    }

    @Test
    void aChangeReportedBeforeItsPaymentStartsTheSubscriptionFromBillingsView() {
        Account user = TestUsers.verified(registration, encoder, "early");
        Billing billing = new Billing(user, "pro-month-usd");
        Instant paidAt = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant periodEnd = monthAfter(paidAt);
        billing.periodEnd(periodEnd);

        billing.cancellationScheduled(paidAt.plusSeconds(600));
        Subscription started = awaitMirror(billing);
        assertThat(started.status()).isEqualTo("active");
        assertThat(started.cancelAtPeriodEnd()).isTrue();
        assertThat(started.periodEnd()).isEqualTo(periodEnd);

        String payment = billing.paid(paidAt, paidAt, periodEnd);
        await().atMost(PATIENCE).until(() -> handled(payment));
        Subscription after = current(started);
        assertThat(after.status()).isEqualTo("active");
        assertThat(after.cancelAtPeriodEnd()).isTrue();
        assertThat(after.periodEnd()).isEqualTo(periodEnd);
    }

    @Test
    void theEndOfAnAbandonedCheckoutLeavesTheTrialAlone() {
        Account user = TestUsers.verified(registration, encoder, "abandoned");
        Subscription trial = subscriptions.start(user.id(), "pro-month-usd", "test");
        Billing billing = new Billing(user, "pro-month-usd").status("canceled");

        String event = billing.canceled("checkout_replaced", Instant.now());
        String failure = billing.failed(1, false, Instant.now());

        await().atMost(PATIENCE).until(() -> handled(event) && handled(failure));
        Subscription after = current(trial);
        assertThat(after.status()).isEqualTo("trialing");
        assertThat(after.billingSubscriptionId()).isNull();
    }

    // ---- billing-service, as its outbox relay writes to aifa.billing ----

    /** One billing subscription and the events billing publishes about it, with its state after each change. */
    private final class Billing {

        private final UUID id = UUID.randomUUID();
        private final Account user;
        private String planCode;
        private String pendingPlanCode;
        private boolean cancelAtPeriodEnd;
        private Instant periodEnd;
        private UUID organisation;
        private String status = "active";
        private String lastEventId;
        private final Map<String, Map<String, Object>> sent = new LinkedHashMap<>();

        Billing(Account user, String planCode) {
            this.user = user;
            this.planCode = planCode;
        }

        UUID id() {
            return id;
        }

        String lastEventId() {
            return lastEventId;
        }

        Billing organisation(UUID organisation) {
            this.organisation = organisation;
            return this;
        }

        Billing status(String status) {
            this.status = status;
            return this;
        }

        void periodEnd(Instant periodEnd) {
            this.periodEnd = periodEnd;
        }

        String paid(Instant paidAt, Instant periodStart, Instant periodEnd) {
            this.periodEnd = periodEnd;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("paymentId", UUID.randomUUID().toString());
            data.put("provider", "stripe");
            data.put("providerPaymentId", "in_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
            data.put("userId", user.id().toString());
            data.put("organisationId", organisation == null ? null : organisation.toString());
            data.put("subscriptionId", id.toString());
            data.put("planCode", planCode);
            data.put("billingInterval", planCode.split("-")[1]);
            data.put("invoiceId", UUID.randomUUID().toString());
            data.put("tier", planCode.split("-")[0]);
            data.put("amountMinor", 9_900);
            data.put("currency", "USD");
            data.put("paidAt", paidAt.toString());
            data.put("periodStart", periodStart.toString());
            data.put("periodEnd", periodEnd.toString());
            return publish("payment.succeeded", paidAt, data);
        }

        String failed(int attempt, boolean finalAttempt, Instant at) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("paymentId", UUID.randomUUID().toString());
            data.put("provider", "stripe");
            data.put("userId", user.id().toString());
            data.put("organisationId", organisation == null ? null : organisation.toString());
            data.put("subscriptionId", id.toString());
            data.put("tier", planCode.split("-")[0]);
            data.put("amountMinor", 50_000);
            data.put("currency", "USD");
            data.put("reason", "card_declined");
            data.put("attempt", attempt);
            data.put("nextRetryAt", finalAttempt ? null : at.plus(Duration.ofDays(3)).toString());
            data.put("finalAttempt", finalAttempt);
            data.put("occurredAt", at.toString());
            return publish("payment.failed", at, data);
        }

        String planChanged(String to, Instant at) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("previousPlanCode", planCode);
            planCode = to;
            if (to.equals(pendingPlanCode)) {
                pendingPlanCode = null;
            }
            extra.put("effectiveAt", at.toString());
            return change("billing_subscription.plan_changed", "customer", at, extra);
        }

        String downgradeScheduled(String to, Instant at) {
            pendingPlanCode = to;
            return change("billing_subscription.plan_change_scheduled", "customer", at,
                    Map.of("effectiveAt", String.valueOf(periodEnd)));
        }

        String cancellationScheduled(Instant at) {
            cancelAtPeriodEnd = true;
            return change("billing_subscription.cancellation_scheduled", "customer", at,
                    Map.of("cancelAt", String.valueOf(periodEnd)));
        }

        String cancellationUndone(Instant at) {
            cancelAtPeriodEnd = false;
            return change("billing_subscription.cancellation_undone", "customer", at, Map.of());
        }

        String canceled(String cause, Instant at) {
            status = "canceled";
            return change("billing_subscription.canceled", cause, at, Map.of("canceledAt", at.toString()));
        }

        /** The entry of an event written again with the same id (a relay that died before marking it sent). */
        void redeliver(String eventId) {
            Streams.publish(redis, EventStreams.BILLING, eventId, "/billing-service", "payment.succeeded",
                    user.id().toString(), Instant.now(), sent.get(eventId));
        }

        private String change(String type, String cause, Instant at, Map<String, Object> extra) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("subscriptionId", id.toString());
            data.put("userId", user.id().toString());
            data.put("organisationId", organisation == null ? null : organisation.toString());
            data.put("provider", "stripe");
            data.put("status", status);
            data.put("planCode", planCode);
            data.put("tier", planCode.split("-")[0]);
            data.put("billingInterval", planCode.split("-")[1]);
            data.put("currency", "USD");
            data.put("amountMinor", 50_000);
            data.put("pendingPlanCode", pendingPlanCode);
            data.put("cancelAtPeriodEnd", cancelAtPeriodEnd);
            data.put("currentPeriodEnd", periodEnd == null ? null : periodEnd.toString());
            data.putAll(extra);
            data.put("cause", cause);
            data.put("occurredAt", at.toString());
            return publish(type, at, data);
        }

        private String publish(String type, Instant at, Map<String, Object> data) {
            lastEventId = Streams.newId();
            sent.put(lastEventId, data);
            return Streams.publish(redis, EventStreams.BILLING, lastEventId, "/billing-service", type,
                    user.id().toString(), at, data);
        }
    }

    // ---- reading the outcome ----

    private Subscription awaitMirror(Billing billing) {
        await().atMost(PATIENCE).until(() -> subscriptions.byBillingId(billing.id()).isPresent());
        return subscriptions.byBillingId(billing.id()).orElseThrow();
    }

    private Subscription awaitStatus(UUID id, String status) {
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(subscriptions.byId(id).orElseThrow().status()).isEqualTo(status));
        return subscriptions.byId(id).orElseThrow();
    }

    private Subscription current(Subscription subscription) {
        return subscriptions.byId(subscription.id()).orElseThrow();
    }

    private boolean handled(String eventId) {
        return inboxHas(eventId);
    }

    private boolean inboxHas(String eventId) {
        return jdbc.sql("select count(*) from event_inbox where event_id = ?").param(eventId).query(Long.class)
                .single() == 1;
    }

    private List<Map<String, Object>> transitions(UUID id) {
        return jdbc.sql("select action, actor from subscription_transitions where subscription_id = ? order by id")
                .param(id).query().listOfRows();
    }

    private JsonNode entitlement(Account user) {
        HttpResponse<String> response = api().get("/api/subscriptions/entitlements/" + user.id(), token(user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.json(response);
    }

    private Api api() {
        return new Api(port);
    }

    private static Instant monthAfter(Instant at) {
        return at.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    private static String token(Account user) {
        return TestJwts.subscriber(user.id().toString(), "none");
    }
}
