package com.aifinance.analytics.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.aifinance.analytics.entitlement.FeatureFlags;
import com.aifinance.analytics.partition.MonthlyPartitions;
import com.aifinance.analytics.partition.PartitionedTable;
import com.aifinance.analytics.saas.MonthlyValue;
import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records subscription-service's events: each {@code subscription.*} event carries the subscription's state after the
 * change, which is all MRR needs — kept as it came in {@code subscription_events}, and as the subscription's monthly
 * value in {@code mrr_facts}; {@code feature_flag.changed} feeds the runtime flags.
 */
@Component
class SubscriptionEventRecorder implements EventHandler {

    static final Set<String> SUBSCRIPTION_TYPES = Set.of("subscription.started", "subscription.activated",
            "subscription.past_due", "subscription.canceled", "subscription.expired", "subscription.reactivated",
            "subscription.plan_changed", "subscription.cancellation_scheduled");
    private static final Set<String> STATUSES = Set.of("trialing", "active", "past_due", "canceled", "expired");
    private static final Set<String> INTERVALS = Set.of("month", "year");

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;
    private final FeatureFlags flags;
    private final RevenueKeys keys;

    SubscriptionEventRecorder(JdbcClient jdbc, MonthlyPartitions partitions, FeatureFlags flags, RevenueKeys keys) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.flags = flags;
        this.keys = keys;
    }

    @Override
    public void handle(EventEnvelope event) {
        if (SUBSCRIPTION_TYPES.contains(event.type())) {
            recordSubscriptionChange(event, new EventData(event));
        } else if ("feature_flag.changed".equals(event.type())) {
            EventData data = new EventData(event);
            flags.record(data.text("flag"), data.optionalText("tier"), data.flag("enabled", false),
                    data.instantOrEventTime("occurredAt"));
        }
    }

    private void recordSubscriptionChange(EventEnvelope event, EventData data) {
        Instant occurredAt = data.instantOrEventTime("occurredAt");
        String userId = data.optionalText("userId");
        String organisationId = data.optionalText("organisationId");
        String customerId = organisationId != null ? organisationId : userId;
        if (customerId == null) {
            throw new MalformedEventException(event, "neither organisationId nor userId names the customer");
        }
        String subscriptionId = data.text("subscriptionId");
        String status = data.oneOf("status", STATUSES);
        String tier = data.text("tier").toLowerCase(Locale.ROOT);
        String interval = data.oneOf("billingInterval", INTERVALS);
        String currency = data.currency("currency");
        long amountMinor = data.minorUnits("amountMinor");
        partitions.ensureFor(PartitionedTable.SUBSCRIPTION_EVENTS, occurredAt);
        Optional<Long> seq = jdbc.sql("""
                        insert into subscription_events (event_id, event_type, occurred_at, subscription_id, customer_id,
                            user_id, organisation_id, status, tier, plan_code, billing_interval, currency, amount_minor,
                            previous_plan_code, previous_amount_minor, period_start, period_end, trial_end)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing
                        returning seq""")
                .params(event.id(), event.type(), timestamp(occurredAt), subscriptionId, customerId, userId,
                        organisationId, status, tier, data.optionalText("planCode"), interval, currency, amountMinor,
                        data.optionalText("previousPlanCode"), data.optionalMinorUnits("previousAmountMinor"),
                        timestamp(data.optionalInstant("periodStart")), timestamp(data.optionalInstant("periodEnd")),
                        timestamp(data.optionalInstant("trialEnd")))
                .query(Long.class).optional();
        if (seq.isEmpty()) {
            return; // the same event recorded before under this id
        }
        partitions.ensureFor(PartitionedTable.MRR_FACTS, occurredAt);
        jdbc.sql("""
                        insert into mrr_facts (at, seq, customer_key, stream_key, mrr_minor, currency, tier, active)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(timestamp(occurredAt), seq.get(), keys.customer(customerId), keys.subscription(subscriptionId),
                        MonthlyValue.ofSubscription(status, interval, amountMinor), currency, tier,
                        MonthlyValue.countsAsActive(status))
                .update();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
