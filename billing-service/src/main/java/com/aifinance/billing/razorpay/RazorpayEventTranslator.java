package com.aifinance.billing.razorpay;

import java.time.Instant;
import java.util.ArrayList;
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
 * Reads Razorpay events: {@code {"entity":"event","event":"subscription.charged","payload":{"subscription":
 * {"entity":{…}},"payment":{"entity":{…}}},"created_at":…}}.
 */
@Component
class RazorpayEventTranslator implements ProviderEventTranslator {

    @Override
    public ProviderName provider() {
        return ProviderName.RAZORPAY;
    }

    @Override
    public List<ProviderEvent> translate(String type, JsonNode event, Instant eventCreatedAt) {
        JsonNode payload = event.path("payload");
        if (type.startsWith("subscription.")) {
            JsonNode subscription = entity(payload, "subscription");
            List<ProviderEvent> events = new ArrayList<>();
            events.add(subscription(subscription, eventCreatedAt));
            if ("subscription.charged".equals(type)) {
                events.add(paid(entity(payload, "payment"), subscription, eventCreatedAt));
            }
            return events;
        }
        return switch (type) {
            // a subscription's own charges are counted from subscription.charged, which names the subscription;
            // payment.captured counts the rest (payment links sent by dunning)
            case "payment.captured" -> {
                JsonNode payment = entity(payload, "payment");
                yield text(payment, "invoice_id") == null ? List.of(paid(payment, null, eventCreatedAt)) : List.of();
            }
            case "payment.failed" -> {
                JsonNode payment = entity(payload, "payment");
                yield text(payment, "invoice_id") != null ? List.of(failed(payment, eventCreatedAt)) : List.of();
            }
            case "refund.processed" -> List.of(refund(entity(payload, "refund"), eventCreatedAt));
            default -> List.of();
        };
    }

    private static ProviderEvent subscription(JsonNode subscription, Instant at) {
        String status = switch (required(subscription, "status")) {
            case "created", "authenticated" -> SubscriptionStatus.INCOMPLETE;
            case "active" -> SubscriptionStatus.ACTIVE;
            case "pending" -> SubscriptionStatus.PAST_DUE;
            case "halted" -> SubscriptionStatus.UNPAID;
            case "paused" -> SubscriptionStatus.PAUSED;
            case "cancelled", "completed", "expired" -> SubscriptionStatus.CANCELED;
            default -> throw new ParkedEvent("malformed_payload", "unknown subscription status "
                    + text(subscription, "status"));
        };
        JsonNode end = subscription.path("current_end");
        return new ProviderEvent.SubscriptionChanged(ProviderName.RAZORPAY, required(subscription, "id"),
                text(subscription.path("notes"), RazorpayProvider.SUBSCRIPTION_NOTE), text(subscription, "customer_id"),
                status, end.isIntegralNumber() ? Instant.ofEpochSecond(end.asLong()) : null, null, at);
    }

    private static ProviderEvent paid(JsonNode payment, JsonNode subscription, Instant at) {
        JsonNode notes = payment.path("notes");
        String billingSubscription = text(notes, RazorpayProvider.SUBSCRIPTION_NOTE);
        if (billingSubscription == null && subscription != null) {
            billingSubscription = text(subscription.path("notes"), RazorpayProvider.SUBSCRIPTION_NOTE);
        }
        String customer = text(payment, "customer_id");
        if (customer == null) {
            customer = text(notes, "customer_id");
        }
        JsonNode fee = payment.path("fee");
        JsonNode created = payment.path("created_at");
        // subscription.charged carries the subscription as charged: its current cycle is what the payment paid
        JsonNode start = subscription == null ? null : subscription.path("current_start");
        JsonNode end = subscription == null ? null : subscription.path("current_end");
        boolean period = start != null && start.isIntegralNumber() && end.isIntegralNumber()
                && end.asLong() > start.asLong();
        return new ProviderEvent.PaymentSucceeded(ProviderName.RAZORPAY, required(payment, "id"), customer,
                subscription != null ? text(subscription, "id") : null, billingSubscription, null,
                amount(payment, "amount"), currency(payment), 0, fee.isIntegralNumber() ? fee.asLong() : 0,
                created.isIntegralNumber() ? Instant.ofEpochSecond(created.asLong()) : at,
                text(payment, "description"), null, period ? Instant.ofEpochSecond(start.asLong()) : null,
                period ? Instant.ofEpochSecond(end.asLong()) : null);
    }

    private static ProviderEvent failed(JsonNode payment, Instant at) {
        String reason = text(payment, "error_reason");
        if (reason == null) {
            reason = text(payment, "error_code");
        }
        String customer = text(payment, "customer_id");
        return new ProviderEvent.PaymentFailed(ProviderName.RAZORPAY, required(payment, "invoice_id"),
                customer != null ? customer : text(payment.path("notes"), "customer_id"), null,
                text(payment.path("notes"), RazorpayProvider.SUBSCRIPTION_NOTE), amount(payment, "amount"),
                currency(payment), reason != null ? reason.toLowerCase(Locale.ROOT) : "payment_failed", at);
    }

    private static ProviderEvent refund(JsonNode refund, Instant at) {
        JsonNode notes = refund.path("notes");
        JsonNode created = refund.path("created_at");
        return new ProviderEvent.RefundSucceeded(ProviderName.RAZORPAY, required(refund, "id"),
                text(refund, "payment_id"), text(notes, "aifa_payment_id"), text(notes, "aifa_refund_id"),
                amount(refund, "amount"), currency(refund), text(notes, "reason"),
                created.isIntegralNumber() ? Instant.ofEpochSecond(created.asLong()) : at);
    }

    private static JsonNode entity(JsonNode payload, String name) {
        JsonNode entity = payload.path(name).path("entity");
        if (!entity.isObject()) {
            throw new ParkedEvent("malformed_payload", "payload." + name + ".entity is missing");
        }
        return entity;
    }

    private static String currency(JsonNode object) {
        return required(object, "currency").toUpperCase(Locale.ROOT);
    }
}
