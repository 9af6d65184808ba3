package com.aifinance.subscription.lifecycle;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventHandler;
import com.aifinance.subscription.lifecycle.Subscriptions.BillingClock;
import com.aifinance.subscription.lifecycle.Subscriptions.BillingTerms;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Mirrors billing-service's subscriptions ({@code aifa.billing}, docs/contracts.md). Billing owns the money and the
 * provider, so what a customer or provider does there arrives here as events naming billing's subscription id:
 * <ul>
 * <li>the first event of a running billing subscription links it to the user's live subscription (a trial started
 * here), or starts one on billing's plan and period when the user has none;</li>
 * <li>each event then goes through the {@link Lifecycle}: a payment activates (or reactivates) with the plan paid
 * for, a failed one makes it past due, the last failed attempt or billing's cancellation ends it, plan changes and
 * cancellations at the period end are mirrored as they are in force at billing.</li>
 * </ul>
 * Redeliveries are dropped by the inbox. Each family of events (payments and the end; the plan; the cancellation at
 * the period end) only moves forward: an event not newer than the last of its family is ignored, so out-of-order
 * delivery never moves a subscription backwards. Runs inside the consumer's transaction.
 */
@Component
class BillingEvents implements EventHandler {

    static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    static final String PAYMENT_FAILED = "payment.failed";
    static final String PLAN_CHANGED = "billing_subscription.plan_changed";
    static final String PLAN_CHANGE_SCHEDULED = "billing_subscription.plan_change_scheduled";
    static final String CANCELLATION_SCHEDULED = "billing_subscription.cancellation_scheduled";
    static final String CANCELLATION_UNDONE = "billing_subscription.cancellation_undone";
    static final String CANCELED = "billing_subscription.canceled";

    /** Events that say billing's subscription is running: the first of them links it here (or starts one). */
    private static final Set<String> RUNNING = Set.of(PAYMENT_SUCCEEDED, PLAN_CHANGED, PLAN_CHANGE_SCHEDULED,
            CANCELLATION_SCHEDULED, CANCELLATION_UNDONE);
    /** Billing statuses of a subscription the customer has (had) access to. */
    private static final Set<String> BILLED = Set.of("trialing", "active", "past_due", "unpaid", "paused");

    private static final Logger log = LoggerFactory.getLogger(BillingEvents.class);

    private final Subscriptions subscriptions;
    private final MeterRegistry meters;

    BillingEvents(Subscriptions subscriptions, MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.meters = meters;
    }

    @Override
    public void handle(EventEnvelope event) {
        if (!RUNNING.contains(event.type()) && !event.type().equals(PAYMENT_FAILED) && !event.type().equals(CANCELED)) {
            return;
        }
        JsonNode data = event.data();
        String subscriptionId = text(data, "subscriptionId");
        if (subscriptionId == null) {
            return; // a contract or one-off payment: not a subscription's
        }
        Optional<UUID> billingId = uuid(subscriptionId);
        if (billingId.isEmpty()) {
            log.warn("Ignoring {} {}: subscriptionId {} is not a billing subscription id", event.type(), event.id(),
                    subscriptionId);
            outcome(event, "malformed");
            return;
        }
        Instant at = time(event);
        Subscription current = resolve(event, billingId.get(), at);
        if (current == null) {
            return;
        }
        switch (event.type()) {
            case PAYMENT_SUCCEEDED -> paid(event, current, at);
            case PAYMENT_FAILED -> failed(event, current, at);
            case CANCELED -> canceled(event, current, at);
            case PLAN_CHANGED -> planChanged(event, current, at);
            case PLAN_CHANGE_SCHEDULED -> planChangeScheduled(event, current, at);
            default -> cancellation(event, current, at, event.type().equals(CANCELLATION_SCHEDULED));
        }
    }

    /**
     * The subscription mirroring billing's, linking or starting it for the first event of a running billing
     * subscription; null when the event is fully handled (a start) or there is nothing to apply it to.
     */
    private Subscription resolve(EventEnvelope event, UUID billingId, Instant at) {
        Optional<Subscription> linked = subscriptions.byBillingId(billingId);
        if (linked.isPresent() && linked.get().state().live()) {
            return linked.get();
        }
        if (!RUNNING.contains(event.type())) {
            if (linked.isPresent()) {
                return linked.get();
            }
            // a failure or an end of a billing subscription that never ran here (an abandoned checkout): nothing
            // to end, and a trial the user may have goes on
            outcome(event, "unknown_subscription");
            return null;
        }
        JsonNode data = event.data();
        UUID userId = uuid(text(data, "userId")).orElse(null);
        if (userId == null) {
            log.warn("Ignoring {} {}: billing subscription {} names no user", event.type(), event.id(), billingId);
            outcome(event, "malformed");
            return null;
        }
        Optional<Subscription> live = subscriptions.liveOf(userId);
        if (live.isPresent()) {
            subscriptions.link(live.get().id(), billingId, event.type() + " " + event.id()
                    + ": billing subscription " + billingId);
            return subscriptions.byId(live.get().id()).orElseThrow();
        }
        if (linked.isPresent()) {
            return linked.get(); // it ended here: a payment may bring it back
        }
        String status = text(data, "status");
        if (!event.type().equals(PAYMENT_SUCCEEDED) && status != null && !BILLED.contains(status)) {
            outcome(event, "not_running");
            return null;
        }
        String planCode = text(data, "planCode");
        if (!subscriptions.planOnSale(planCode)) {
            // retried, then dead-lettered with this reason: the catalogs disagree and ops must look
            throw new IllegalStateException("billing subscription " + billingId + " is on plan " + planCode
                    + ", which is not in the catalog");
        }
        if (!subscriptions.userExists(userId)) {
            throw new IllegalStateException("billing subscription " + billingId + " is for user " + userId
                    + ", who has no account here");
        }
        BillingTerms terms = startTerms(event, planCode, at);
        Subscription started = subscriptions.startFromBilling(userId, billingId, terms, at,
                event.type() + " " + event.id() + ": billing subscription " + billingId);
        if (event.type().equals(PAYMENT_SUCCEEDED)) {
            subscriptions.markBillingEvent(started.id(), BillingClock.STATUS, at);
            subscriptions.markBillingEvent(started.id(), BillingClock.PLAN, at);
            outcome(event, "started");
            return null; // the payment is what started it
        }
        return started; // started on billing's current plan; the change itself is applied next
    }

    /** A payment's period, or (for a change reported before its payment) the period billing says is current. */
    private static BillingTerms startTerms(EventEnvelope event, String planCode, Instant at) {
        JsonNode data = event.data();
        UUID organisation = uuid(text(data, "organisationId")).orElse(null);
        if (event.type().equals(PAYMENT_SUCCEEDED)) {
            return new BillingTerms(planCode, instant(data, "periodStart"), instant(data, "periodEnd"), organisation);
        }
        Instant end = instant(data, "currentPeriodEnd");
        String interval = text(data, "billingInterval");
        Instant start = end == null ? null : end.atOffset(ZoneOffset.UTC)
                .minus("year".equals(interval) ? Period.ofYears(1) : Period.ofMonths(1)).toInstant();
        return new BillingTerms(planCode, start, end != null && end.isAfter(at) ? end : null, organisation);
    }

    private void paid(EventEnvelope event, Subscription current, Instant at) {
        if (stale(event, current.billingEventAt(), at)) {
            return;
        }
        JsonNode data = event.data();
        Action action = current.state().live() ? Action.ACTIVATE
                : current.endedAt() != null && at.isAfter(current.endedAt()) ? Action.REACTIVATE : null;
        subscriptions.markBillingEvent(current.id(), BillingClock.STATUS, at);
        // checked here rather than caught: a refusal inside the consumer's transaction would mark it rollback-only
        if (action == null || Lifecycle.next(current.state(), action).isEmpty()) {
            outcome(event, "no_transition");
            return;
        }
        // the plan paid for, unless a newer plan change was applied already
        String planCode = text(data, "planCode");
        boolean planApplies = subscriptions.planOnSale(planCode)
                && (current.billingPlanEventAt() == null || at.isAfter(current.billingPlanEventAt()));
        subscriptions.applyFromBilling(current.id(), action, new BillingTerms(planApplies ? planCode : null,
                        instant(data, "periodStart"), instant(data, "periodEnd"), organisation(data)), at,
                reason(event, "payment " + text(data, "paymentId")));
        if (planApplies) {
            subscriptions.markBillingEvent(current.id(), BillingClock.PLAN, at);
        }
        outcome(event, "applied");
    }

    private void failed(EventEnvelope event, Subscription current, Instant at) {
        if (stale(event, current.billingEventAt(), at)) {
            return;
        }
        JsonNode data = event.data();
        subscriptions.markBillingEvent(current.id(), BillingClock.STATUS, at);
        Action action = data.path("finalAttempt").asBoolean(false) ? Action.CANCEL : Action.MARK_PAST_DUE;
        if (!current.state().live() || Lifecycle.next(current.state(), action).isEmpty()) {
            outcome(event, "no_transition");
            return;
        }
        subscriptions.applyFromBilling(current.id(), action, terms(null, data), at,
                reason(event, "payment " + text(data, "paymentId") + (text(data, "reason") == null ? ""
                        : " (" + text(data, "reason") + ")")));
        outcome(event, "applied");
    }

    private void canceled(EventEnvelope event, Subscription current, Instant at) {
        if (stale(event, current.billingEventAt(), at)) {
            return;
        }
        subscriptions.markBillingEvent(current.id(), BillingClock.STATUS, at);
        if (!current.state().live()) {
            outcome(event, "already_applied");
            return;
        }
        subscriptions.applyFromBilling(current.id(), Action.CANCEL, terms(null, event.data()), at, reason(event,
                "canceled by " + text(event.data(), "cause")));
        outcome(event, "applied");
    }

    /** A plan in force now at billing: an upgrade, or a downgrade whose period came. */
    private void planChanged(EventEnvelope event, Subscription current, Instant at) {
        if (stale(event, current.billingPlanEventAt(), at)) {
            return;
        }
        JsonNode data = event.data();
        String planCode = text(data, "planCode");
        subscriptions.markBillingEvent(current.id(), BillingClock.PLAN, at);
        if (planCode == null || planCode.equals(current.planCode())) {
            outcome(event, "already_applied");
            return;
        }
        requireOnSale(planCode);
        Action action = planCode.equals(current.pendingPlanCode()) && current.state() == Status.ACTIVE
                ? Action.APPLY_DOWNGRADE : Action.UPGRADE;
        if (Lifecycle.next(current.state(), action).isEmpty()) {
            outcome(event, "no_transition");
            return;
        }
        subscriptions.applyFromBilling(current.id(), action, terms(planCode, data), at,
                reason(event, current.planCode() + " → " + planCode));
        outcome(event, "applied");
    }

    private void planChangeScheduled(EventEnvelope event, Subscription current, Instant at) {
        if (stale(event, current.billingPlanEventAt(), at)) {
            return;
        }
        JsonNode data = event.data();
        String pending = text(data, "pendingPlanCode");
        subscriptions.markBillingEvent(current.id(), BillingClock.PLAN, at);
        if (pending == null || pending.equals(current.pendingPlanCode()) || pending.equals(current.planCode())) {
            outcome(event, "already_applied");
            return;
        }
        requireOnSale(pending);
        if (Lifecycle.next(current.state(), Action.SCHEDULE_DOWNGRADE).isEmpty()) {
            outcome(event, "no_transition");
            return;
        }
        subscriptions.applyFromBilling(current.id(), Action.SCHEDULE_DOWNGRADE, terms(pending, data), at,
                reason(event, current.planCode() + " → " + pending + " at the period end"));
        outcome(event, "applied");
    }

    private void cancellation(EventEnvelope event, Subscription current, Instant at, boolean scheduled) {
        if (stale(event, current.billingCancelEventAt(), at)) {
            return;
        }
        subscriptions.markBillingEvent(current.id(), BillingClock.CANCELLATION, at);
        if (current.cancelAtPeriodEnd() == scheduled) {
            outcome(event, "already_applied");
            return;
        }
        Action action = scheduled ? Action.SCHEDULE_CANCEL : Action.UNDO_CANCEL;
        if (Lifecycle.next(current.state(), action).isEmpty()) {
            outcome(event, "no_transition");
            return;
        }
        subscriptions.applyFromBilling(current.id(), action, terms(null, event.data()), at,
                reason(event, "by " + text(event.data(), "cause")));
        outcome(event, "applied");
    }

    private boolean stale(EventEnvelope event, Instant lastOfFamily, Instant at) {
        if (lastOfFamily != null && !at.isAfter(lastOfFamily)) {
            log.info("Ignoring {} {}: not newer than the last billing event of its kind applied", event.type(),
                    event.id());
            outcome(event, "out_of_order");
            return true;
        }
        return false;
    }

    private void requireOnSale(String planCode) {
        if (!subscriptions.planOnSale(planCode)) {
            throw new IllegalStateException("billing moved a subscription to plan " + planCode
                    + ", which is not in the catalog");
        }
    }

    private static BillingTerms terms(String planCode, JsonNode data) {
        return new BillingTerms(planCode, null, null, organisation(data));
    }

    private static UUID organisation(JsonNode data) {
        return uuid(text(data, "organisationId")).orElse(null);
    }

    private static String reason(EventEnvelope event, String what) {
        return event.type() + " " + event.id() + ": " + what;
    }

    /** When it happened at billing: the payment's time, else the change's, else when billing published it. */
    private static Instant time(EventEnvelope event) {
        Instant at = instant(event.data(), event.type().equals(PAYMENT_SUCCEEDED) ? "paidAt" : "occurredAt");
        return at != null ? at : event.time();
    }

    private void outcome(EventEnvelope event, String outcome) {
        meters.counter("aifa_subscription_billing_events_total", "type", event.type(), "outcome", outcome).increment();
    }

    private static Instant instant(JsonNode data, String field) {
        String value = text(data, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.ofNullable(value).map(UUID::fromString);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
