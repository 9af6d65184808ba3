package com.aifinance.billing.razorpay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.aifinance.billing.provider.IdempotencyKeys;
import com.aifinance.billing.provider.PaymentProvider;
import com.aifinance.billing.provider.PlanPrice;
import com.aifinance.billing.provider.ProviderFailure;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.provider.ProviderPrices;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Razorpay, for INR: customers, plans, subscriptions (paid on their short_url), refunds, payment links. */
@Component
class RazorpayProvider implements PaymentProvider {

    static final String SUBSCRIPTION_NOTE = "billing_subscription_id";
    private static final int PAGE = 100;

    private final RazorpayApi api;
    private final RazorpayProperties properties;
    private final ProviderPrices prices;

    RazorpayProvider(RazorpayApi api, RazorpayProperties properties, ProviderPrices prices) {
        this.api = api;
        this.properties = properties;
        this.prices = prices;
    }

    @Override
    public ProviderName name() {
        return ProviderName.RAZORPAY;
    }

    @Override
    public boolean configured() {
        return api.configured();
    }

    @Override
    public boolean supportsCurrency(String currency) {
        return "INR".equals(currency);
    }

    @Override
    public ProviderCustomer createCustomer(CustomerDetails customer, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", customer.email() != null ? customer.email() : "AIFA user " + customer.userId());
        if (customer.email() != null) {
            body.put("email", customer.email());
        }
        // "0": answer the existing customer with these details instead of failing, so a retry reuses it
        body.put("fail_existing", "0");
        body.put("notes", notes("user_id", customer.userId(), "organisation_id", customer.organisationId()));
        return new ProviderCustomer(api.post("/v1/customers", body, idempotencyKey).path("id").asString());
    }

    @Override
    public PaymentPage startSubscription(SubscriptionStart start, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan_id", planFor(start.plan()));
        body.put("total_count", "year".equals(start.plan().billingInterval())
                ? Math.max(1, properties.totalCount() / 12) : properties.totalCount());
        body.put("quantity", 1);
        body.put("customer_notify", 1);
        body.put("notes", notes(SUBSCRIPTION_NOTE, start.billingSubscriptionId(), "user_id", start.userId(),
                "plan_code", start.plan().code(), "customer_id", start.providerCustomerId()));
        JsonNode subscription = api.post("/v1/subscriptions", body, idempotencyKey);
        String id = subscription.path("id").asString();
        return new PaymentPage(subscription.path("short_url").asString(), id, id);
    }

    @Override
    public void changePlan(PlanChange change, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan_id", planFor(change.to()));
        body.put("quantity", 1);
        body.put("schedule_change_at", change.immediately() ? "now" : "cycle_end");
        body.put("customer_notify", 1);
        api.patch("/v1/subscriptions/" + change.providerSubscriptionId(), body, idempotencyKey);
    }

    @Override
    public void cancelSubscription(String providerSubscriptionId, boolean atPeriodEnd, String idempotencyKey) {
        api.post("/v1/subscriptions/" + providerSubscriptionId + "/cancel",
                Map.of("cancel_at_cycle_end", atPeriodEnd ? 1 : 0), idempotencyKey);
    }

    @Override
    public void undoCancellation(String providerSubscriptionId, String idempotencyKey) {
        // Razorpay's API has no way back: a subscription canceled at the cycle end ends then ("Once cancelled, you
        // cannot renew or reactivate it"); its cancel_scheduled_changes only undoes scheduled plan updates.
        throw new ProviderFailure(ProviderName.RAZORPAY, true, "not_supported", "Razorpay cannot take back a "
                + "cancellation; the subscription ends at the end of its cycle. Subscribe again after that.", null);
    }

    @Override
    public ProviderRefund refund(RefundOrder order, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", order.amountMinor());
        body.put("speed", "normal");
        body.put("receipt", order.refundId().replace("-", "").substring(0, 32));
        body.put("notes", notes("aifa_payment_id", order.paymentId(), "aifa_refund_id", order.refundId(),
                "reason", order.reason()));
        JsonNode refund = api.post("/v1/payments/" + order.providerPaymentReference() + "/refund", body,
                idempotencyKey);
        String status = refund.path("status").asString("pending");
        if ("failed".equals(status)) {
            throw new ProviderFailure(ProviderName.RAZORPAY, true, "refund_failed", "refund "
                    + refund.path("id").asString() + " failed", null);
        }
        return new ProviderRefund(refund.path("id").asString(), !"processed".equals(status));
    }

    @Override
    public RetryOutcome retryPayment(RetryOrder order, String idempotencyKey) {
        // Razorpay retries a subscription's charge on its own and has no "charge again" call: the dunning step
        // sends the customer a payment link for what is owed instead.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", order.amountMinor());
        body.put("currency", order.currency());
        body.put("accept_partial", false);
        body.put("description", "Overdue AI Finance Agency subscription payment");
        body.put("reference_id", "dun-" + order.dunningCaseId().replace("-", "").substring(0, 24) + "-" + order.attempt());
        if (order.email() != null) {
            body.put("customer", Map.of("email", order.email()));
            body.put("notify", Map.of("email", true, "sms", false));
        }
        body.put("reminder_enable", true);
        body.put("notes", notes(SUBSCRIPTION_NOTE, order.billingSubscriptionId(), "customer_id",
                order.providerCustomerId(), "dunning_case", order.dunningCaseId()));
        JsonNode link = api.post("/v1/payment_links", body, idempotencyKey);
        return RetryOutcome.customerMustPay("awaiting_customer_payment", link.path("short_url").asString());
    }

    @Override
    public ProviderActivity activity(Instant from, Instant to) {
        List<ProviderMovement> payments = new ArrayList<>();
        for (JsonNode payment : list("/v1/payments", from, to)) {
            if ("captured".equals(payment.path("status").asString()) || "refunded".equals(payment.path("status").asString())) {
                payments.add(new ProviderMovement(payment.path("id").asString(), payment.path("amount").asLong(),
                        payment.path("currency").asString(), Instant.ofEpochSecond(payment.path("created_at").asLong())));
            }
        }
        List<ProviderMovement> refunds = new ArrayList<>();
        for (JsonNode refund : list("/v1/refunds", from, to)) {
            if ("processed".equals(refund.path("status").asString())) {
                refunds.add(new ProviderMovement(refund.path("id").asString(), refund.path("amount").asLong(),
                        refund.path("currency").asString(), Instant.ofEpochSecond(refund.path("created_at").asLong())));
            }
        }
        return new ProviderActivity(payments, refunds, List.of(), false);
    }

    private List<JsonNode> list(String path, Instant from, Instant to) {
        List<JsonNode> items = new ArrayList<>();
        for (int skip = 0; ; skip += PAGE) {
            JsonNode page = api.get(path + "?from=" + from.getEpochSecond() + "&to=" + to.getEpochSecond()
                    + "&count=" + PAGE + "&skip=" + skip);
            JsonNode found = page.path("items");
            found.forEach(items::add);
            if (found.size() < PAGE) {
                return items;
            }
        }
    }

    private String planFor(PlanPrice plan) {
        return prices.find(ProviderName.RAZORPAY, plan).orElseGet(() -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", plan.description());
            item.put("amount", plan.priceMinor());
            item.put("currency", plan.currency());
            item.put("description", plan.code());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("period", "year".equals(plan.billingInterval()) ? "yearly" : "monthly");
            body.put("interval", 1);
            body.put("item", item);
            body.put("notes", notes("plan_code", plan.code()));
            String id = api.post("/v1/plans", body, IdempotencyKeys.of("razorpay-plan", plan.code(), plan.priceMinor()))
                    .path("id").asString();
            prices.remember(ProviderName.RAZORPAY, plan, id);
            return id;
        });
    }

    /** Razorpay notes: string values only, nulls left out. */
    private static Map<String, String> notes(String... keysAndValues) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                notes.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return notes;
    }
}
