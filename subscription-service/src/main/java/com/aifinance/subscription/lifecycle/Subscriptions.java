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
 * through the outbox, all in one transaction.
 */
@Component
public class Subscriptions {

    private static final String SELECT = """
            select s.*, p.tier, p.billing_interval, p.currency, p.price_minor
            from subscriptions s join plans p on p.code = s.plan_code""";

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
        return transactions.execute(status -> {
            Subscription before = jdbc.sql(SELECT + " where s.id = ? for update of s").param(id)
                    .query(Subscriptions::map).optional()
                    .orElseThrow(() -> ApiProblem.notFound("Subscription " + id));
            Status to = Lifecycle.next(before.state(), action).orElseThrow(() -> ApiProblem.conflict(
                    "A " + before.status() + " subscription cannot " + action.value().replace('_', ' ') + "."));
            Instant now = clock.instant();
            String event = switch (action) {
                case ACTIVATE -> activate(before, at);
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
                    Plan plan = plan(before.planCode());
                    try {
                        jdbc.sql("""
                                        update subscriptions set status = 'active', ended_at = null, past_due_since = null,
                                            period_start = :at, period_end = :end, trial_end = null where id = :id""")
                                .param("at", ts(at)).param("end", ts(plus(at, plan.interval()))).param("id", id).update();
                    } catch (DuplicateKeyException live) {
                        throw ApiProblem.conflict("The user has another live subscription.");
                    }
                    yield "subscription.reactivated";
                }
                case SCHEDULE_CANCEL -> {
                    if (before.cancelAtPeriodEnd()) {
                        throw ApiProblem.conflict("The subscription is already canceled at the end of its period.");
                    }
                    jdbc.sql("update subscriptions set cancel_at_period_end = true, pending_plan_code = null where id = ?")
                            .param(id).update();
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
                    changePlan(before, planCode, true);
                    jdbc.sql("update subscriptions set plan_code = ?, pending_plan_code = null where id = ?")
                            .params(planCode, id).update();
                    yield "subscription.plan_changed";
                }
                case SCHEDULE_DOWNGRADE -> {
                    changePlan(before, planCode, false);
                    jdbc.sql("update subscriptions set pending_plan_code = ?, cancel_at_period_end = false where id = ?")
                            .params(planCode, id).update();
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
            events.publishEvent(new SubscriptionChanged(after.userId(), after.organisationId()));
            return new Change(before, after);
        });
    }

    /** Records the instant of a billing event applied to the subscription (the out-of-order guard). */
    void markBillingEvent(UUID id, Instant at) {
        jdbc.sql("update subscriptions set billing_event_at = ? where id = ?").params(ts(at), id).update();
    }

    /** Live subscriptions whose trial or period ended before {@code now}, or past due longer than the grace period. */
    List<UUID> due(Instant now) {
        return jdbc.sql("""
                        select id from subscriptions
                        where (status = 'trialing' and trial_end <= :now)
                           or (status = 'active' and period_end <= :now and (cancel_at_period_end or pending_plan_code is not null))
                           or (status = 'past_due' and past_due_since <= :graceStart)
                        order by period_end limit 500""")
                .param("now", ts(now)).param("graceStart", ts(now.minus(properties.gracePeriod())))
                .query(UUID.class).list();
    }

    private String activate(Subscription before, Instant at) {
        Plan plan = plan(before.planCode());
        Instant start;
        Instant end;
        if (before.state() == Status.TRIALING) {
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
                            when status = 'trialing' then null else trial_end end,
                            period_start = :start, period_end = :end where id = :id""")
                .param("start", ts(start)).param("end", ts(end)).param("id", before.id()).update();
        return before.state() == Status.ACTIVE ? null : "subscription.activated";
    }

    private void changePlan(Subscription before, String planCode, boolean upgrade) {
        Plan target = plan(planCode);
        Plan current = plan(before.planCode());
        if (target.code().equals(current.code())) {
            throw ApiProblem.conflict("The subscription is already on " + planCode + ".");
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
                instant(rs, "past_due_since"), instant(rs, "ended_at"), instant(rs, "billing_event_at"));
    }

    /** The subscription before and after an action. */
    public record Change(Subscription before, Subscription after) {
    }

    private record Plan(String code, String tier, String interval, String currency, long priceMinor) {
    }

    private record Account(String email, UUID organisationId) {
    }
}
