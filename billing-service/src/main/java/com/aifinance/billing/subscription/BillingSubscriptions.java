package com.aifinance.billing.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.billing.provider.PlanPrice;
import com.aifinance.billing.provider.ProviderName;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Billing's subscriptions; a status only ever moves forward in provider time. */
@Component
public class BillingSubscriptions {

    private static final String RANK = "array_position(array['incomplete','trialing','active','paused','past_due',"
            + "'unpaid','canceled']::text[], %s)";

    private final JdbcClient jdbc;
    private final Clock clock;

    BillingSubscriptions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
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
     * Applies a status the provider reported at {@code eventAt}, unless a later event already set one: an
     * out-of-order delivery never moves a subscription backwards. Events of the same second are ordered by life cycle.
     *
     * @return whether the status was applied
     */
    public boolean applyStatus(UUID id, String status, Instant eventAt, Instant currentPeriodEnd,
                               Boolean cancelAtPeriodEnd) {
        if (!SubscriptionStatus.known(status)) {
            throw new IllegalArgumentException("unknown subscription status " + status);
        }
        return jdbc.sql("""
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
    }

    /** An upgrade: the new plan applies at once. */
    public void changePlanNow(UUID id, PlanPrice plan) {
        jdbc.sql("""
                        update billing_subscriptions set plan_code = ?, tier = ?, billing_interval = ?, amount_minor = ?,
                            pending_plan_code = null, updated_at = ? where id = ?""")
                .params(plan.code(), plan.tier(), plan.billingInterval(), plan.priceMinor(), now(), id).update();
    }

    /** A downgrade: recorded now, applied when the paid period ends. */
    public void scheduleDowngrade(UUID id, String planCode) {
        jdbc.sql("update billing_subscriptions set pending_plan_code = ?, updated_at = ? where id = ?")
                .params(planCode, now(), id).update();
    }

    /** Subscriptions whose paid period has ended with a downgrade waiting. */
    public List<BillingSubscription> downgradesDue(Instant now) {
        return jdbc.sql("""
                        select * from billing_subscriptions where pending_plan_code is not null
                          and current_period_end is not null and current_period_end <= ? and status <> 'canceled'""")
                .param(at(now)).query(BillingSubscriptions::map).list();
    }

    public void scheduleCancellation(UUID id) {
        jdbc.sql("update billing_subscriptions set cancel_at_period_end = true, updated_at = ? where id = ?")
                .params(now(), id).update();
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
