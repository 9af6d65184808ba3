package com.aifinance.subscription.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves subscriptions through the {@link Lifecycle}: every change is checked against the table, written with a
 * transition record, mirrored on the seed's {@code subscribers} row and published on {@code aifa.subscription}
 * through the outbox, all in one transaction. Changes billing-service reports ({@link BillingEvents}) go through the
 * same table; billing has already decided them with the customer and the provider, so they carry billing's plan,
 * period and organisation instead of this service's own rules for them.
 */
@Component
public class Subscriptions {

    private static final String SELECT = """
            select s.*, p.tier, p.billing_interval, p.currency, p.price_minor
            from subscriptions s join plans p on p.code = s.plan_code""";

    /** The actor of every change billing-service reports. */
    static final String BILLING = "billing-service";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Clock clock;
    private final LifecycleProperties properties;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    Subscriptions(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, Clock clock,
                  LifecycleProperties properties, ApplicationEventPublisher events, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
        this.events = events;
        this.meters = meters;
    }

    public Optional<Subscription> byId(UUID id) {
        return jdbc.sql(SELECT + " where s.id = ?").param(id).query(Subscriptions::map).optional();
    }

    /** The user's live subscription, else their latest ended one. */
    public Optional<Subscription> currentOf(UUID userId) {
        return jdbc.sql(SELECT + """
                         where s.user_id = ?
                        order by (s.status in ('trialing', 'active', 'past_due')) desc, s.created_at desc limit 1""")
                .param(userId).query(Subscriptions::map).optional();
    }

    /** The subscription mirroring billing-service's subscription {@code billingSubscriptionId}. */
    public Optional<Subscription> byBillingId(UUID billingSubscriptionId) {
        return jdbc.sql(SELECT + " where s.billing_subscription_id = ?").param(billingSubscriptionId)
                .query(Subscriptions::map).optional();
    }

    /** The user's live subscription (trialing, active or past due); there is at most one. */
    public Optional<Subscription> liveOf(UUID userId) {
        return jdbc.sql(SELECT + " where s.user_id = ? and s.status in ('trialing', 'active', 'past_due')")
                .param(userId).query(Subscriptions::map).optional();
    }

    boolean userExists(UUID userId) {
        return jdbc.sql("select count(*) from users where id = ?").param(userId).query(Long.class).single() > 0;
    }

    boolean planOnSale(String planCode) {
        return planCode != null && jdbc.sql("select count(*) from plans where code = ? and active").param(planCode)
                .query(Long.class).single() > 0;
    }

    /** Starts a trial of {@code planCode} for a user; a user has at most one live subscription. */
    public Subscription start(UUID userId, String planCode, String actor) {
        return transactions.execute(status -> {
            Plan plan = plan(planCode);
            Account owner = jdbc.sql("select email, organisation_id from users where id = ?").param(userId)
                    .query((rs, row) -> new Account(rs.getString(1), rs.getObject(2, UUID.class))).optional()
                    .orElseThrow(() -> ApiProblem.notFound("User " + userId));
            Instant now = clock.instant();
            long subscriberId = linkSubscriber(userId, owner.email(), plan.tier(), now);
            UUID organisation = "enterprise".equals(plan.tier()) ? owner.organisationId() : null;
            UUID id = UUID.randomUUID();
            Instant trialEnd = now.plus(properties.trialPeriod());
            try {
                jdbc.sql("""
                                insert into subscriptions (id, subscriber_id, user_id, organisation_id, plan_code, status,
                                    period_start, period_end, trial_end, created_at, updated_at)
                                values (:id, :subscriber, :user, :org, :plan, 'trialing', :now, :trialEnd, :trialEnd, :now, :now)""")
                        .param("id", id).param("subscriber", subscriberId).param("user", userId).param("org", organisation)
                        .param("plan", planCode).param("now", ts(now)).param("trialEnd", ts(trialEnd)).update();
            } catch (DuplicateKeyException live) {
                throw ApiProblem.conflict("You already have a live subscription; change its plan instead.");
            }
            recordTransition(id, "start", null, Status.TRIALING, planCode, actor, null, now);
            Subscription started = byId(id).orElseThrow();
            publish("subscription.started", started, null, now);
            events.publishEvent(new SubscriptionChanged(userId, organisation));
            return started;
        });
    }

    /**
     * Applies {@code action} to a subscription, if the lifecycle allows it from its current state.
     *
     * @param at         when it happened (a payment's time for billing events; now otherwise)
     * @param planCode   the new plan for {@link Action#UPGRADE} and {@link Action#SCHEDULE_DOWNGRADE}
     * @return the subscription before and after
     * @throws ApiProblem 409 when the action is not allowed in the current state
     */
    public Change apply(UUID id, Action action, String planCode, Instant at, String actor, String reason) {
        return transition(id, action, planCode, null, at, actor, reason);
    }

    /**
     * Applies a change billing-service reported, as {@code billing-service}: the lifecycle table still decides
     * whether it is allowed, but the plan, period and organisation are billing's ({@code terms}), a plan change is not
     * second-guessed (billing calls a higher price per month an upgrade), and scheduling a downgrade or a
     * cancellation leaves the other as billing has it.
     */
    Change applyFromBilling(UUID id, Action action, BillingTerms terms, Instant at, String reason) {
        return transition(id, action, terms.planCode(), terms, at, BILLING, reason);
    }

    private Change transition(UUID id, Action action, String planCode, BillingTerms billing, Instant at, String actor,
                              String reason) {
        return transactions.execute(status -> {
            Subscription before = jdbc.sql(SELECT + " where s.id = ? for update of s").param(id)
                    .query(Subscriptions::map).optional()
                    .orElseThrow(() -> ApiProblem.notFound("Subscription " + id));
            Status to = Lifecycle.next(before.state(), action).orElseThrow(() -> ApiProblem.conflict(
                    "A " + before.status() + " subscription cannot " + action.value().replace('_', ' ') + "."));
            Instant now = clock.instant();
            String event = switch (action) {
                case ACTIVATE -> activate(before, at, billing);
                case MARK_PAST_DUE -> {
                    jdbc.sql("update subscriptions set status = 'past_due', past_due_since = coalesce(past_due_since, :at)"
                            + " where id = :id").param("at", ts(at)).param("id", id).update();
                    yield before.state() == Status.PAST_DUE ? null : "subscription.past_due";
                }
                case CANCEL, EXPIRE -> {
                    jdbc.sql("update subscriptions set status = :to, ended_at = :at, cancel_at_period_end = false,"
                                    + " pending_plan_code = null where id = :id")
                            .param("to", to.value()).param("at", ts(at)).param("id", id).update();
                    yield action == Action.CANCEL ? "subscription.canceled" : "subscription.expired";
                }
                case REACTIVATE -> {
                    Plan plan = plan(billing != null && billing.planCode() != null ? billing.planCode()
                            : before.planCode());
                    Instant start = at;
                    Instant end = plus(at, plan.interval());
                    if (billing != null && billing.paysPeriod() && billing.periodEnd().isAfter(at)) {
                        start = billing.periodStart();
                        end = billing.periodEnd();
                    }
                    try {
                        jdbc.sql("""
                                        update subscriptions set status = 'active', ended_at = null, past_due_since = null,
                                            plan_code = :plan, pending_plan_code = null, period_start = :start,
                                            period_end = :end, trial_end = null where id = :id""")
                                .param("plan", plan.code()).param("start", ts(start)).param("end", ts(end))
                                .param("id", id).update();
                    } catch (DuplicateKeyException live) {
                        throw ApiProblem.conflict("The user has another live subscription.");
                    }
                    yield "subscription.reactivated";
                }
                case SCHEDULE_CANCEL -> {
                    if (before.cancelAtPeriodEnd()) {
                        throw ApiProblem.conflict("The subscription is already canceled at the end of its period.");
                    }
                    // billing keeps a scheduled downgrade next to a cancellation (the provider may already charge the
                    // lower price should the cancellation be taken back); here a cancellation replaces it
                    jdbc.sql("update subscriptions set cancel_at_period_end = true, pending_plan_code = case when ? "
                                    + "then pending_plan_code end where id = ?")
                            .params(billing != null, id).update();
                    yield "subscription.cancellation_scheduled";
                }
                case UNDO_CANCEL -> {
                    if (!before.cancelAtPeriodEnd()) {
                        throw ApiProblem.conflict("The subscription is not canceled.");
                    }
                    jdbc.sql("update subscriptions set cancel_at_period_end = false where id = ?").param(id).update();
                    yield "subscription.reactivated";
                }
                case UPGRADE -> {
                    changePlan(before, planCode, true, billing == null);
                    jdbc.sql("update subscriptions set plan_code = ?, pending_plan_code = null where id = ?")
                            .params(planCode, id).update();
                    yield "subscription.plan_changed";
                }
                case SCHEDULE_DOWNGRADE -> {
                    changePlan(before, planCode, false, billing == null);
                    jdbc.sql("update subscriptions set pending_plan_code = ?, cancel_at_period_end = case when ? "
                                    + "then cancel_at_period_end else false end where id = ?")
                            .params(planCode, billing != null, id).update();
                    yield null;
                }
                case APPLY_DOWNGRADE -> {
                    if (before.pendingPlanCode() == null) {
                        throw ApiProblem.conflict("No plan change is scheduled.");
                    }
                    jdbc.sql("update subscriptions set plan_code = pending_plan_code, pending_plan_code = null where id = ?")
                            .param(id).update();
                    yield "subscription.plan_changed";
                }
            };
            if (billing != null) {
                billedOrganisation(id, billing.organisationId());
            }
            jdbc.sql("update subscriptions set updated_at = ? where id = ?").params(ts(now), id).update();
            Subscription after = byId(id).orElseThrow();
            jdbc.sql("update subscribers set subscription_tier = :tier, updated_at = :now where id = :id")
                    .param("tier", after.tier()).param("now", ts(now))
                    .param("id", jdbc.sql("select subscriber_id from subscriptions where id = ?").param(id)
                            .query(Long.class).single())
                    .update();
            recordTransition(id, action.value(), before.state(), after.state(), after.planCode(), actor, reason, now);
            if (event != null) {
                publish(event, after, before, now);
            }
            meters.counter("aifa_subscription_transitions_total", "action", action.value(), "to", after.status())
                    .increment();
            // an organisation that had the tier through this subscription and lost it is stale too
            events.publishEvent(new SubscriptionChanged(after.userId(), after.organisationId() != null
                    ? after.organisationId() : before.organisationId()));
            return new Change(before, after);
        });
    }

    /** The families of billing events, each moving forward on its own (the out-of-order guards). */
    enum BillingClock {
        /** payments, failed payments and the end of the subscription */
        STATUS("billing_event_at"),
        /** plan changes, now or at the period end */
        PLAN("billing_plan_event_at"),
        /** the cancellation at the period end, scheduled or taken back */
        CANCELLATION("billing_cancel_event_at");

        private final String column;

        BillingClock(String column) {
            this.column = column;
        }
    }

    /** Records that a billing event of {@code clock}'s family at {@code at} was taken into account. */
    void markBillingEvent(UUID id, BillingClock clock, Instant at) {
        jdbc.sql("update subscriptions set %1$s = greatest(%1$s, ?) where id = ?".formatted(clock.column))
                .params(ts(at), id).update();
    }

    /**
     * Links the subscription to billing-service's {@code billingSubscriptionId}: the first billing event for a user
     * whose live subscription mirrors nothing yet (a trial), or a newer billing subscription of the same user. A
     * subscription that ended keeps no link its successor needs. Recorded as a transition by billing-service.
     */
    void link(UUID id, UUID billingSubscriptionId, String reason) {
        transactions.executeWithoutResult(status -> {
            Subscription current = jdbc.sql(SELECT + " where s.id = ? for update of s").param(id)
                    .query(Subscriptions::map).single();
            jdbc.sql("update subscriptions set billing_subscription_id = null where billing_subscription_id = ? and id <> ?")
                    .params(billingSubscriptionId, id).update();
            jdbc.sql("update subscriptions set billing_subscription_id = ?, updated_at = ? where id = ?")
                    .params(billingSubscriptionId, ts(clock.instant()), id).update();
            recordTransition(id, "link_billing", current.state(), current.state(), current.planCode(), BILLING,
                    reason + (current.billingSubscriptionId() == null ? ""
                            : " (replaces billing subscription " + current.billingSubscriptionId() + ")"),
                    clock.instant());
            meters.counter("aifa_subscription_billing_links_total", "how",
                    current.billingSubscriptionId() == null ? "linked" : "relinked").increment();
        });
    }

    /**
     * A user billing-service charges has no subscription here (they paid without a trial, or after it ended): start
     * an active one on billing's plan and period, linked to billing's subscription.
     */
    Subscription startFromBilling(UUID userId, UUID billingSubscriptionId, BillingTerms terms, Instant at,
                                  String reason) {
        return transactions.execute(status -> {
            Plan plan = plan(terms.planCode());
            Account owner = jdbc.sql("select email, organisation_id from users where id = ?").param(userId)
                    .query((rs, row) -> new Account(rs.getString(1), rs.getObject(2, UUID.class))).optional()
                    .orElseThrow(() -> new IllegalStateException("billing charges user " + userId
                            + ", who has no account here"));
            Instant now = clock.instant();
            long subscriberId = linkSubscriber(userId, owner.email(), plan.tier(), now);
            UUID organisation = "enterprise".equals(plan.tier())
                    ? (terms.organisationId() != null ? terms.organisationId() : owner.organisationId()) : null;
            Instant start = terms.paysPeriod() ? terms.periodStart() : at;
            Instant end = terms.paysPeriod() ? terms.periodEnd() : plus(at, plan.interval());
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into subscriptions (id, subscriber_id, user_id, organisation_id, plan_code, status,
                                period_start, period_end, billing_subscription_id, created_at, updated_at)
                            values (:id, :subscriber, :user, :org, :plan, 'active', :start, :end, :billing, :now, :now)""")
                    .param("id", id).param("subscriber", subscriberId).param("user", userId).param("org", organisation)
                    .param("plan", plan.code()).param("start", ts(start)).param("end", ts(end))
                    .param("billing", billingSubscriptionId).param("now", ts(now)).update();
            recordTransition(id, "start", null, Status.ACTIVE, plan.code(), BILLING, reason, now);
            Subscription started = byId(id).orElseThrow();
            publish("subscription.started", started, null, now);
            meters.counter("aifa_subscription_billing_links_total", "how", "started").increment();
            meters.counter("aifa_subscription_transitions_total", "action", "start", "to", started.status()).increment();
            events.publishEvent(new SubscriptionChanged(userId, organisation));
            return started;
        });
    }

    /** An enterprise plan is the organisation's: billing names it (else the user's own); other plans are the user's. */
    private void billedOrganisation(UUID id, UUID organisationFromBilling) {
        jdbc.sql("""
                        update subscriptions s set organisation_id = case when p.tier = 'enterprise'
                            then coalesce(cast(:org as uuid), s.organisation_id, u.organisation_id) end
                        from plans p, users u where s.id = :id and p.code = s.plan_code and u.id = s.user_id""")
                .param("org", organisationFromBilling).param("id", id).update();
    }

    /**
     * Live subscriptions whose trial or period ended before {@code now}, or past due longer than the grace period.
     * A subscription billing charges is not expired or canceled for want of payment here: billing's dunning decides
     * that (and says so with {@code payment.failed} / {@code billing_subscription.canceled}).
     */
    List<UUID> due(Instant now) {
        return jdbc.sql("""
                        select id from subscriptions
                        where (status = 'trialing' and trial_end <= :now and billing_subscription_id is null)
                           or (status = 'active' and period_end <= :now and (cancel_at_period_end or pending_plan_code is not null))
                           or (status = 'past_due' and past_due_since <= :graceStart and billing_subscription_id is null)
                        order by period_end limit 500""")
                .param("now", ts(now)).param("graceStart", ts(now.minus(properties.gracePeriod())))
                .query(UUID.class).list();
    }

    private String activate(Subscription before, Instant at, BillingTerms billing) {
        String planCode = billing != null && billing.planCode() != null ? billing.planCode() : before.planCode();
        Plan plan = plan(planCode);
        Instant start;
        Instant end;
        if (billing != null && billing.paysPeriod()) {
            // billing's provider says which period was paid; a payment never shortens what was paid before (a late
            // one, or the proration of a mid-period upgrade that runs to the same end)
            boolean later = before.state() == Status.TRIALING || billing.periodEnd().isAfter(before.periodEnd());
            start = later ? billing.periodStart() : before.periodStart();
            end = later ? billing.periodEnd() : before.periodEnd();
        } else if (before.state() == Status.TRIALING) {
            start = at;
            end = plus(at, plan.interval());
        } else if (!at.isBefore(before.periodEnd().minus(properties.renewalWindow()))) {
            // the payment for the next period (on time, early within the window, or late after dunning)
            start = before.periodEnd();
            end = plus(start, plan.interval());
            if (!end.isAfter(at)) {
                start = at;
                end = plus(at, plan.interval());
            }
        } else {
            start = before.periodStart();
            end = before.periodEnd();
        }
        jdbc.sql("""
                        update subscriptions set status = 'active', past_due_since = null, trial_end = case
                            when status = 'trialing' then null else trial_end end, plan_code = :plan,
                            pending_plan_code = case when pending_plan_code = :plan then null else pending_plan_code end,
                            period_start = :start, period_end = :end where id = :id""")
                .param("plan", plan.code()).param("start", ts(start)).param("end", ts(end)).param("id", before.id())
                .update();
        if (before.state() != Status.ACTIVE) {
            return "subscription.activated";
        }
        return plan.code().equals(before.planCode()) ? null : "subscription.plan_changed";
    }

    private void changePlan(Subscription before, String planCode, boolean upgrade, boolean checkDirection) {
        Plan target = plan(planCode);
        Plan current = plan(before.planCode());
        if (target.code().equals(current.code())) {
            throw ApiProblem.conflict("The subscription is already on " + planCode + ".");
        }
        if (!checkDirection) {
            return; // billing decided it with the customer and the provider, in the same currency
        }
        if (!target.currency().equals(current.currency())) {
            throw ApiProblem.invalid("Plans can only change within one currency (" + current.currency() + ").");
        }
        boolean higher = rank(target.tier()) > rank(current.tier());
        if (upgrade != higher) {
            throw ApiProblem.invalid(upgrade ? planCode + " is not an upgrade of " + current.code()
                    : planCode + " is an upgrade; it takes effect now");
        }
    }

    static int rank(String tier) {
        return switch (tier) {
            case "basic" -> 1;
            case "pro" -> 2;
            case "enterprise" -> 3;
            default -> 0;
        };
    }

    private long linkSubscriber(UUID userId, String email, String tier, Instant now) {
        return jdbc.sql("""
                        insert into subscribers (email, subscription_tier, user_id, created_at, updated_at)
                        values (:email, :tier, :user, :now, :now)
                        on conflict (email) do update set user_id = excluded.user_id,
                            subscription_tier = excluded.subscription_tier, updated_at = excluded.updated_at
                        where subscribers.user_id is null or subscribers.user_id = excluded.user_id
                        returning id""")
                .param("email", email).param("tier", tier).param("user", userId).param("now", ts(now))
                .query(Long.class).optional()
                .orElseThrow(() -> ApiProblem.conflict("The subscriber record of this address belongs to another user."));
    }

    private void recordTransition(UUID id, String action, Status from, Status to, String planCode, String actor,
                                  String reason, Instant at) {
        jdbc.sql("""
                        insert into subscription_transitions (subscription_id, action, from_status, to_status, plan_code,
                                                              actor, reason, occurred_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, action, from == null ? null : from.value(), to.value(), planCode, actor, reason, ts(at))
                .update();
    }

    private void publish(String type, Subscription after, Subscription before, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", after.id().toString());
        data.put("userId", after.userId() == null ? null : after.userId().toString());
        data.put("organisationId", after.organisationId() == null ? null : after.organisationId().toString());
        data.put("billingSubscriptionId", after.billingSubscriptionId() == null ? null
                : after.billingSubscriptionId().toString());
        data.put("status", after.status());
        data.put("tier", after.tier());
        data.put("planCode", after.planCode());
        data.put("billingInterval", after.billingInterval());
        data.put("currency", after.currency());
        data.put("amountMinor", after.amountMinor());
        boolean planChanged = before != null && !before.planCode().equals(after.planCode());
        data.put("previousPlanCode", planChanged ? before.planCode() : null);
        data.put("previousAmountMinor", planChanged ? before.amountMinor() : null);
        data.put("periodStart", after.periodStart().toString());
        data.put("periodEnd", after.periodEnd().toString());
        data.put("trialEnd", after.trialEnd() == null ? null : after.trialEnd().toString());
        data.put("occurredAt", at.toString());
        outbox.publish(EventStreams.SUBSCRIPTION, type, after.id().toString(), data);
    }

    private Plan plan(String code) {
        return jdbc.sql("select code, tier, billing_interval, currency, price_minor from plans where code = ? and active")
                .param(code)
                .query((rs, row) -> new Plan(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5)))
                .optional().orElseThrow(() -> ApiProblem.invalid("There is no plan " + code + " on sale."));
    }

    private static Instant plus(Instant at, String interval) {
        Period period = "year".equals(interval) ? Period.ofYears(1) : Period.ofMonths(1);
        return at.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Subscription map(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getObject("organisation_id", UUID.class), rs.getString("status"), rs.getString("tier"),
                rs.getString("plan_code"), rs.getString("billing_interval"), rs.getString("currency"),
                rs.getLong("price_minor"), instant(rs, "period_start"), instant(rs, "period_end"),
                instant(rs, "trial_end"), rs.getBoolean("cancel_at_period_end"), rs.getString("pending_plan_code"),
                instant(rs, "past_due_since"), instant(rs, "ended_at"),
                rs.getObject("billing_subscription_id", UUID.class), instant(rs, "billing_event_at"),
                instant(rs, "billing_plan_event_at"), instant(rs, "billing_cancel_event_at"));
    }

    /** The subscription before and after an action. */
    public record Change(Subscription before, Subscription after) {
    }

    /**
     * What billing-service says of a change: the plan in force (null: unchanged), the period paid (null: not said)
     * and the organisation an enterprise plan is for.
     */
    record BillingTerms(String planCode, Instant periodStart, Instant periodEnd, UUID organisationId) {

        boolean paysPeriod() {
            return periodStart != null && periodEnd != null && periodEnd.isAfter(periodStart);
        }
    }

    private record Plan(String code, String tier, String interval, String currency, long priceMinor) {
    }

    private record Account(String email, UUID organisationId) {
    }
}
