package com.aifinance.billing.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.billing.provider.PlanPrice;
import com.aifinance.billing.provider.ProviderName;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Billing's subscriptions; a status only ever moves forward in provider time. Every change a customer, ops, the
 * provider or dunning makes is published ({@link SubscriptionChangeEvents}) in the caller's transaction, which every
 * changing method requires.
 */
@Component
public class BillingSubscriptions {

    private static final String RANK = "array_position(array['incomplete','trialing','active','paused','past_due',"
            + "'unpaid','canceled']::text[], %s)";

    private final JdbcClient jdbc;
    private final SubscriptionChangeEvents events;
    private final Clock clock;

    BillingSubscriptions(JdbcClient jdbc, SubscriptionChangeEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    public BillingSubscription create(String userId, String organisationId, UUID customerId, ProviderName provider,
                                      PlanPrice plan) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("""
                        insert into billing_subscriptions (id, user_id, organisation_id, customer_id, provider, plan_code,
                            tier, billing_interval, currency, amount_minor, status, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'incomplete', ?, ?)""")
                .params(id, userId, organisationId, customerId, provider.code(), plan.code(), plan.tier(),
                        plan.billingInterval(), plan.currency(), plan.priceMinor(), now, now)
                .update();
        return find(id).orElseThrow();
    }

    public Optional<BillingSubscription> find(UUID id) {
        return jdbc.sql("select * from billing_subscriptions where id = ?").param(id)
                .query(BillingSubscriptions::map).optional();
    }

    /** Finds a subscription by our id (from provider metadata) or by the provider's id. */
    public Optional<BillingSubscription> find(String billingSubscriptionId, ProviderName provider,
                                              String providerSubscriptionId) {
        if (billingSubscriptionId != null) {
            try {
                Optional<BillingSubscription> ours = find(UUID.fromString(billingSubscriptionId));
                if (ours.isPresent()) {
                    return ours;
                }
            } catch (IllegalArgumentException notOurs) {
                // metadata that is not one of our ids: fall back to the provider's id
            }
        }
        if (providerSubscriptionId == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from billing_subscriptions where provider = ? and provider_subscription_id = ?")
                .params(provider.code(), providerSubscriptionId).query(BillingSubscriptions::map).optional();
    }

    public Optional<BillingSubscription> openForUser(String userId) {
        return jdbc.sql("select * from billing_subscriptions where user_id = ? and status <> 'canceled'")
                .param(userId).query(BillingSubscriptions::map).optional();
    }

    public List<BillingSubscription> forUser(String userId) {
        return jdbc.sql("select * from billing_subscriptions where user_id = ? order by created_at desc")
                .param(userId).query(BillingSubscriptions::map).list();
    }

    public void recordPaymentPage(UUID id, String url, String providerSubscriptionId) {
        jdbc.sql("""
                        update billing_subscriptions set payment_page_url = ?,
                            provider_subscription_id = coalesce(provider_subscription_id, ?), updated_at = ?
                        where id = ?""")
                .params(url, providerSubscriptionId, now(), id).update();
    }

    public void linkProviderSubscription(UUID id, String providerSubscriptionId) {
        jdbc.sql("""
                        update billing_subscriptions set provider_subscription_id = ?, updated_at = ?
                        where id = ? and provider_subscription_id is null""")
                .params(providerSubscriptionId, now(), id).update();
    }

    /**
     * Applies a status reported at {@code eventAt}, unless a later event already set one: an out-of-order delivery
     * never moves a subscription backwards. Events of the same second are ordered by life cycle. A subscription that
     * ends, or whose cancellation at the period end the provider set or took back, is published.
     *
     * @return whether the status was applied
     */
    public boolean applyStatus(UUID id, String status, Instant eventAt, Instant currentPeriodEnd,
                               Boolean cancelAtPeriodEnd, ChangeCause cause) {
        if (!SubscriptionStatus.known(status)) {
            throw new IllegalArgumentException("unknown subscription status " + status);
        }
        requireTransaction();
        Optional<BillingSubscription> before = lock(id);
        if (before.isEmpty()) {
            return false;
        }
        boolean applied = jdbc.sql("""
                        update billing_subscriptions set status = :status, status_event_at = :at,
                            current_period_end = coalesce(:periodEnd, current_period_end),
                            cancel_at_period_end = coalesce(:cancelAtEnd, cancel_at_period_end), updated_at = :now
                        where id = :id and (status_event_at is null or status_event_at < :at
                            or (status_event_at = :at and %s < %s))"""
                        .formatted(RANK.formatted("status"), RANK.formatted(":status")))
                .param("status", status)
                .param("at", at(eventAt))
                .param("periodEnd", currentPeriodEnd == null ? null : at(currentPeriodEnd))
                .param("cancelAtEnd", cancelAtPeriodEnd)
                .param("now", now())
                .param("id", id)
                .update() == 1;
        if (!applied) {
            return false;
        }
        BillingSubscription after = find(id).orElseThrow();
        if (before.get().open() && !after.open()) {
            events.publish(SubscriptionChangeEvents.CANCELED, after, cause, eventAt, Map.of("canceledAt", eventAt));
        } else if (after.open() && before.get().cancelAtPeriodEnd() != after.cancelAtPeriodEnd()) {
            publishCancellation(after, cause, eventAt);
        }
        return true;
    }

    /**
     * A plan change in force now: an upgrade, or a scheduled downgrade whose period has come. Clears any pending
     * downgrade and publishes {@code billing_subscription.plan_changed}.
     */
    public BillingSubscription changePlanNow(UUID id, PlanPrice plan, Instant at, ChangeCause cause) {
        requireTransaction();
        BillingSubscription before = lock(id).orElseThrow();
        jdbc.sql("""
                        update billing_subscriptions set plan_code = ?, tier = ?, billing_interval = ?, amount_minor = ?,
                            pending_plan_code = null, pending_tier = null, pending_billing_interval = null,
                            pending_amount_minor = null, change_count = change_count + ?, updated_at = ?
                        where id = ?""")
                .params(plan.code(), plan.tier(), plan.billingInterval(), plan.priceMinor(), countsAsChange(cause),
                        now(), id)
                .update();
        BillingSubscription after = find(id).orElseThrow();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("previousPlanCode", before.planCode());
        extra.put("previousTier", before.tier());
        extra.put("previousAmountMinor", before.amountMinor());
        extra.put("effectiveAt", at);
        events.publish(SubscriptionChangeEvents.PLAN_CHANGED, after, cause, at, extra);
        return after;
    }

    /** A downgrade: recorded now with its price, in force when the paid period ends. */
    public BillingSubscription scheduleDowngrade(UUID id, PlanPrice plan, Instant at, ChangeCause cause) {
        requireTransaction();
        lock(id).orElseThrow();
        jdbc.sql("""
                        update billing_subscriptions set pending_plan_code = ?, pending_tier = ?,
                            pending_billing_interval = ?, pending_amount_minor = ?, change_count = change_count + ?,
                            updated_at = ?
                        where id = ?""")
                .params(plan.code(), plan.tier(), plan.billingInterval(), plan.priceMinor(), countsAsChange(cause),
                        now(), id)
                .update();
        BillingSubscription after = find(id).orElseThrow();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("pendingTier", plan.tier());
        extra.put("pendingAmountMinor", plan.priceMinor());
        extra.put("effectiveAt", after.currentPeriodEnd());
        events.publish(SubscriptionChangeEvents.PLAN_CHANGE_SCHEDULED, after, cause, at, extra);
        return after;
    }

    /**
     * The paid period rolled over: a downgrade scheduled for its end takes effect now.
     *
     * @return whether a downgrade was applied (false when none is pending, or it was scheduled before its price was
     *         kept: the scheduled job applies those from the catalog)
     */
    public boolean applyPendingPlan(UUID id, Instant at, ChangeCause cause) {
        requireTransaction();
        Optional<PlanPrice> pending = lock(id).flatMap(found -> jdbc.sql("""
                        select pending_plan_code, pending_tier, pending_billing_interval, currency, pending_amount_minor
                        from billing_subscriptions where id = ? and pending_plan_code is not null
                          and pending_amount_minor is not null""")
                .param(id)
                .query((rs, row) -> new PlanPrice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5)))
                .optional());
        pending.ifPresent(plan -> changePlanNow(id, plan, at, cause));
        return pending.isPresent();
    }

    /** Subscriptions whose paid period has ended with a downgrade waiting. */
    public List<BillingSubscription> downgradesDue(Instant now) {
        return jdbc.sql("""
                        select * from billing_subscriptions where pending_plan_code is not null
                          and current_period_end is not null and current_period_end <= ? and status <> 'canceled'""")
                .param(at(now)).query(BillingSubscriptions::map).list();
    }

    /** The customer cancels at the period end; false when that was already so. */
    public boolean scheduleCancellation(UUID id, Instant at, ChangeCause cause) {
        return setCancellation(id, true, at, cause);
    }

    /** The customer takes back a cancellation at the period end; false when none was scheduled. */
    public boolean undoCancellation(UUID id, Instant at, ChangeCause cause) {
        return setCancellation(id, false, at, cause);
    }

    /** A payment paid the period up to {@code periodEnd}: the current period ends no earlier. */
    public void recordPaidPeriod(UUID id, Instant periodEnd) {
        jdbc.sql("""
                        update billing_subscriptions set current_period_end = greatest(current_period_end, ?), updated_at = ?
                        where id = ?""")
                .params(at(periodEnd), now(), id).update();
    }

    /** How many plan and cancellation changes the subscription had: part of the next change's idempotency key. */
    public int changeCount(UUID id) {
        return jdbc.sql("select change_count from billing_subscriptions where id = ?").param(id)
                .query(Integer.class).single();
    }

    private boolean setCancellation(UUID id, boolean cancel, Instant at, ChangeCause cause) {
        requireTransaction();
        BillingSubscription before = lock(id).orElseThrow();
        if (before.cancelAtPeriodEnd() == cancel || !before.open()) {
            return false;
        }
        jdbc.sql("""
                        update billing_subscriptions set cancel_at_period_end = ?, change_count = change_count + ?,
                            updated_at = ? where id = ?""")
                .params(cancel, countsAsChange(cause), now(), id).update();
        publishCancellation(find(id).orElseThrow(), cause, at);
        return true;
    }

    private void publishCancellation(BillingSubscription after, ChangeCause cause, Instant at) {
        if (after.cancelAtPeriodEnd()) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("cancelAt", after.currentPeriodEnd());
            events.publish(SubscriptionChangeEvents.CANCELLATION_SCHEDULED, after, cause, at, extra);
        } else {
            events.publish(SubscriptionChangeEvents.CANCELLATION_UNDONE, after, cause, at, Map.of());
        }
    }

    private Optional<BillingSubscription> lock(UUID id) {
        return jdbc.sql("select * from billing_subscriptions where id = ? for update").param(id)
                .query(BillingSubscriptions::map).optional();
    }

    /** Only requests through our API count: their idempotency keys must change with each new request. */
    private static int countsAsChange(ChangeCause cause) {
        return cause == ChangeCause.CUSTOMER || cause == ChangeCause.OPS ? 1 : 0;
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("subscription changes are published with the change: run in a transaction");
        }
    }

    private OffsetDateTime now() {
        return at(clock.instant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static BillingSubscription map(ResultSet rs, int row) throws SQLException {
        return new BillingSubscription(rs.getObject("id", UUID.class), rs.getString("user_id"),
                rs.getString("organisation_id"), rs.getObject("customer_id", UUID.class),
                ProviderName.fromCode(rs.getString("provider")), rs.getString("provider_subscription_id"),
                rs.getString("plan_code"), rs.getString("tier"), rs.getString("billing_interval"),
                rs.getString("currency"), rs.getLong("amount_minor"), rs.getString("status"),
                instant(rs.getTimestamp("status_event_at")), rs.getString("payment_page_url"),
                rs.getString("pending_plan_code"), rs.getBoolean("cancel_at_period_end"),
                instant(rs.getTimestamp("current_period_end")), instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
