package com.aifinance.subscription.lifecycle;

import java.time.Instant;
import java.util.UUID;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * billing-service's payment events move subscriptions: a successful payment activates (or reactivates) it, a failed
 * one makes it past due, the final failed attempt cancels it. Redelivered events are dropped by the inbox; an event
 * older than the newest one already applied to the subscription (out of order) is ignored, so a late failure never
 * undoes a later success. Runs inside the consumer's transaction.
 */
@Component
class BillingEvents implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(BillingEvents.class);

    private final Subscriptions subscriptions;
    private final MeterRegistry meters;

    BillingEvents(Subscriptions subscriptions, MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.meters = meters;
    }

    @Override
    public void handle(EventEnvelope event) {
        if (!event.type().equals("payment.succeeded") && !event.type().equals("payment.failed")) {
            return;
        }
        JsonNode data = event.data();
        String subscriptionId = text(data, "subscriptionId");
        if (subscriptionId == null) {
            return; // a contract or one-off payment: not a subscription's
        }
        UUID id;
        try {
            id = UUID.fromString(subscriptionId);
        } catch (IllegalArgumentException notOurs) {
            log.warn("Ignoring {} {}: subscriptionId is not a subscription id", event.type(), event.id());
            return;
        }
        Subscription current = subscriptions.byId(id).orElse(null);
        if (current == null) {
            log.warn("Ignoring {} {} for unknown subscription {}", event.type(), event.id(), id);
            outcome(event, "unknown_subscription");
            return;
        }
        Instant at = event.type().equals("payment.succeeded") && text(data, "paidAt") != null
                ? Instant.parse(text(data, "paidAt")) : event.time();
        if (current.billingEventAt() != null && !at.isAfter(current.billingEventAt())) {
            log.info("Ignoring {} {} for subscription {}: older than the last billing event applied", event.type(),
                    event.id(), id);
            outcome(event, "out_of_order");
            return;
        }
        Action action = switch (event.type()) {
            case "payment.succeeded" -> current.state().live() ? Action.ACTIVATE
                    : current.endedAt() != null && at.isAfter(current.endedAt()) ? Action.REACTIVATE : null;
            default -> !current.state().live() ? null
                    : data.path("finalAttempt").asBoolean(false) ? Action.CANCEL : Action.MARK_PAST_DUE;
        };
        // checked here rather than caught: a refusal inside the consumer's transaction would mark it rollback-only
        if (action == null || Lifecycle.next(current.state(), action).isEmpty()) {
            outcome(event, "no_transition");
            return;
        }
        subscriptions.apply(id, action, null, at, "billing-service",
                event.type() + " " + text(data, "paymentId") + (text(data, "reason") == null ? ""
                        : " (" + text(data, "reason") + ")"));
        subscriptions.markBillingEvent(id, at);
        outcome(event, "applied");
    }

    private void outcome(EventEnvelope event, String outcome) {
        meters.counter("aifa_subscription_billing_events_total", "type", event.type(), "outcome", outcome).increment();
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
