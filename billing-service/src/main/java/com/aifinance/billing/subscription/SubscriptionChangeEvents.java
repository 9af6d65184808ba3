package com.aifinance.billing.subscription;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The {@code billing_subscription.*} events on {@code aifa.billing} (docs/contracts.md): each carries the
 * subscription as billing holds it after the change, so subscription-service can mirror it. Published in the
 * transaction of the change.
 */
@Component
class SubscriptionChangeEvents {

    static final String PLAN_CHANGED = "billing_subscription.plan_changed";
    static final String PLAN_CHANGE_SCHEDULED = "billing_subscription.plan_change_scheduled";
    static final String CANCELLATION_SCHEDULED = "billing_subscription.cancellation_scheduled";
    static final String CANCELLATION_UNDONE = "billing_subscription.cancellation_undone";
    static final String CANCELED = "billing_subscription.canceled";

    private final Outbox outbox;
    private final MeterRegistry meters;

    SubscriptionChangeEvents(Outbox outbox, MeterRegistry meters) {
        this.outbox = outbox;
        this.meters = meters;
    }

    void publish(String type, BillingSubscription after, ChangeCause cause, Instant occurredAt,
                 Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", after.id().toString());
        data.put("userId", after.userId());
        data.put("organisationId", after.organisationId());
        data.put("provider", after.provider().code());
        data.put("status", after.status());
        data.put("planCode", after.planCode());
        data.put("tier", after.tier());
        data.put("billingInterval", after.billingInterval());
        data.put("currency", after.currency());
        data.put("amountMinor", after.amountMinor());
        data.put("pendingPlanCode", after.pendingPlanCode());
        data.put("cancelAtPeriodEnd", after.cancelAtPeriodEnd());
        data.put("currentPeriodEnd", after.currentPeriodEnd());
        data.putAll(extra);
        data.put("cause", cause.code());
        data.put("occurredAt", occurredAt);
        outbox.publish(EventStreams.BILLING, type, after.userId(), data);
        meters.counter("billing_subscription_events", "type", type, "cause", cause.code()).increment();
    }
}
