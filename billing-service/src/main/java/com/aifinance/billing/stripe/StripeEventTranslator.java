package com.aifinance.billing.stripe;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.aifinance.billing.payment.ParkedEvent;
import com.aifinance.billing.payment.ProviderEvent;
import com.aifinance.billing.payment.ProviderEventTranslator;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.subscription.SubscriptionStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import static com.aifinance.billing.payment.ProviderEventTranslator.amount;
import static com.aifinance.billing.payment.ProviderEventTranslator.required;
import static com.aifinance.billing.payment.ProviderEventTranslator.text;

/**
 * Reads Stripe events (API version dahlia: an invoice names its subscription under
 * {@code parent.subscription_details}, a subscription's period lives on its items).
 */
@Component
class StripeEventTranslator implements ProviderEventTranslator {

    @Override
    public ProviderName provider() {
        return ProviderName.STRIPE;
    }

    @Override
    public List<ProviderEvent> translate(String type, JsonNode event, Instant eventCreatedAt) {
        JsonNode object = event.path("data").path("object");
        if (object.isMissingNode() || !object.isObject()) {
            throw new ParkedEvent("malformed_payload", "event has no data.object");
        }
        return switch (type) {
            case "checkout.session.completed" -> "subscription".equals(text(object, "mode"))
                    ? List.of(new ProviderEvent.CheckoutCompleted(ProviderName.STRIPE,
                    required(object, "client_reference_id"), required(object, "subscription"), text(object, "customer")))
                    : List.of();
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
                 "customer.subscription.paused", "customer.subscription.resumed" -> List.of(subscription(object,
                    eventCreatedAt));
            case "invoice.paid" -> List.of(invoicePaid(object, eventCreatedAt));
            case "invoice.payment_failed" -> List.of(invoiceFailed(object, eventCreatedAt));
            case "refund.created", "refund.updated" -> "succeeded".equals(text(object, "status"))
                    ? List.of(refund(object, eventCreatedAt)) : List.of();
            default -> List.of();
        };
    }

    private static ProviderEvent subscription(JsonNode subscription, Instant at) {
        String status = switch (required(subscription, "status")) {
            case "incomplete" -> SubscriptionStatus.INCOMPLETE;
            case "incomplete_expired", "canceled" -> SubscriptionStatus.CANCELED;
            case "trialing" -> SubscriptionStatus.TRIALING;
            case "active" -> SubscriptionStatus.ACTIVE;
            case "past_due" -> SubscriptionStatus.PAST_DUE;
            case "unpaid" -> SubscriptionStatus.UNPAID;
            case "paused" -> SubscriptionStatus.PAUSED;
            default -> throw new ParkedEvent("malformed_payload", "unknown subscription status "
                    + text(subscription, "status"));
        };
        JsonNode periodEnd = subscription.path("items").path("data").path(0).path("current_period_end");
        if (!periodEnd.isIntegralNumber()) {
            periodEnd = subscription.path("current_period_end"); // API versions before basil
        }
        JsonNode cancelAtEnd = subscription.path("cancel_at_period_end");
        return new ProviderEvent.SubscriptionChanged(ProviderName.STRIPE, required(subscription, "id"),
                text(subscription.path("metadata"), StripeProvider.SUBSCRIPTION_METADATA), text(subscription, "customer"),
                status, periodEnd.isIntegralNumber() ? Instant.ofEpochSecond(periodEnd.asLong()) : null,
                cancelAtEnd.isBoolean() ? cancelAtEnd.asBoolean() : null, at);
    }

    private static ProviderEvent invoicePaid(JsonNode invoice, Instant at) {
        JsonNode details = invoice.path("parent").path("subscription_details");
        long tax = 0;
        for (JsonNode entry : invoice.path("total_taxes")) {
            tax += amount(entry, "amount");
        }
        JsonNode paidAt = invoice.path("status_transitions").path("paid_at");
        Instant[] period = paidPeriod(invoice.path("lines").path("data"));
        return new ProviderEvent.PaymentSucceeded(ProviderName.STRIPE, required(invoice, "id"),
                text(invoice, "customer"), subscriptionId(invoice, details),
                text(details.path("metadata"), StripeProvider.SUBSCRIPTION_METADATA), null,
                amount(invoice, "amount_paid"), currency(invoice), tax, 0,
                paidAt.isIntegralNumber() ? Instant.ofEpochSecond(paidAt.asLong()) : at, null, null,
                period[0], period[1]);
    }

    /**
     * The subscription period an invoice pays, from its lines ({@code lines.data[].period}): the subscription's own
     * lines when there are any, else the proration lines of a mid-period plan change (which run to the period end).
     * The invoice's top-level {@code period_start}/{@code period_end} are not it: on a renewal they name the period
     * that just ended. {@code [null, null]} when the lines say nothing.
     */
    private static Instant[] paidPeriod(JsonNode lines) {
        Instant[] regular = span(lines, false);
        return regular[0] != null ? regular : span(lines, true);
    }

    private static Instant[] span(JsonNode lines, boolean prorations) {
        Long start = null;
        Long end = null;
        for (JsonNode line : lines) {
            JsonNode parent = line.path("parent").path("subscription_item_details");
            if (parent.isMissingNode()) {
                parent = line.path("parent").path("invoice_item_details");
            }
            boolean proration = parent.path("proration").asBoolean(line.path("proration").asBoolean(false));
            JsonNode period = line.path("period");
            if (proration != prorations || !period.path("start").isIntegralNumber()
                    || !period.path("end").isIntegralNumber() || period.path("end").asLong() <= period.path("start").asLong()) {
                continue;
            }
            start = start == null ? period.path("start").asLong() : Math.min(start, period.path("start").asLong());
            end = end == null ? period.path("end").asLong() : Math.max(end, period.path("end").asLong());
        }
        return start == null ? new Instant[2] : new Instant[] {Instant.ofEpochSecond(start), Instant.ofEpochSecond(end)};
    }

    private static ProviderEvent invoiceFailed(JsonNode invoice, Instant at) {
        JsonNode details = invoice.path("parent").path("subscription_details");
        String reason = text(invoice.path("last_finalization_error"), "code");
        return new ProviderEvent.PaymentFailed(ProviderName.STRIPE, required(invoice, "id"), text(invoice, "customer"),
                subscriptionId(invoice, details), text(details.path("metadata"), StripeProvider.SUBSCRIPTION_METADATA),
                amount(invoice, "amount_due"), currency(invoice), reason != null ? reason : "payment_failed", at);
    }

    private static ProviderEvent refund(JsonNode refund, Instant at) {
        JsonNode metadata = refund.path("metadata");
        return new ProviderEvent.RefundSucceeded(ProviderName.STRIPE, required(refund, "id"),
                text(refund, "payment_intent"), text(metadata, "aifa_payment_id"), text(metadata, "aifa_refund_id"),
                amount(refund, "amount"), currency(refund), text(metadata, "reason"),
                refund.path("created").isIntegralNumber() ? Instant.ofEpochSecond(refund.path("created").asLong()) : at);
    }

    private static String subscriptionId(JsonNode invoice, JsonNode details) {
        String id = text(details, "subscription");
        return id != null ? id : text(invoice, "subscription");
    }

    private static String currency(JsonNode object) {
        return required(object, "currency").toUpperCase(Locale.ROOT);
    }
}
