package com.aifinance.billing.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's API as stripe-java 33 (API version dahlia) calls it: form-encoded requests, JSON objects and lists back,
 * the error envelope {@code {"error": {"type", "code", "message"}}}.
 */
public final class FakeStripe extends FakeServer {

    private static final JsonMapper JSON = new JsonMapper();

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, Map<String, Object>> prices = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> subscriptions = new LinkedHashMap<>();
    /** Paid invoices we can list and refund: invoice id → payment intent. */
    private final Map<String, String> invoiceIntents = new LinkedHashMap<>();
    private final List<Map<String, Object>> listedInvoices = new ArrayList<>();
    private final List<Map<String, Object>> listedRefunds = new ArrayList<>();
    private final List<Map<String, Object>> listedEvents = new ArrayList<>();
    private volatile boolean payInvoicesSucceeds;

    FakeStripe() {
        route("POST", "/v1/customers", (request, match) -> ok(object("customer", "cus", Map.of(
                "email", request.form().getOrDefault("email", ""),
                "metadata", Map.of("user_id", request.form().getOrDefault("metadata[user_id]", ""))))));
        route("GET", "/v1/prices", (request, match) -> {
            String lookupKey = query(request, "lookup_keys[0]");
            return ok(list(prices.values().stream().filter(price -> price.get("lookup_key").equals(lookupKey)).toList()));
        });
        route("POST", "/v1/prices", (request, match) -> {
            Map<String, String> form = request.form();
            Map<String, Object> price = object("price", "price", Map.of(
                    "lookup_key", form.get("lookup_key"), "currency", form.get("currency"),
                    "unit_amount", Long.parseLong(form.get("unit_amount")), "active", true,
                    "recurring", Map.of("interval", form.get("recurring[interval]"))));
            prices.put((String) price.get("id"), price);
            return ok(price);
        });
        route("POST", "/v1/checkout/sessions", (request, match) -> {
            Map<String, String> form = request.form();
            Map<String, Object> session = object("checkout.session", "cs_test", Map.of(
                    "mode", form.get("mode"), "customer", form.get("customer"),
                    "client_reference_id", form.get("client_reference_id"),
                    "status", "open"));
            session.put("url", "https://checkout.stripe.com/c/pay/" + session.get("id"));
            session.put("subscription", null);
            return ok(session);
        });
        route("GET", "/v1/subscriptions/([^/]+)", (request, match) -> {
            Map<String, Object> subscription = subscriptions.get(match.group(1));
            return subscription == null ? error(404, "invalid_request_error", "resource_missing", "No such subscription")
                    : ok(subscription);
        });
        route("POST", "/v1/subscriptions/([^/]+)", (request, match) -> {
            Map<String, Object> subscription = subscriptions.get(match.group(1));
            if (subscription == null) {
                return error(404, "invalid_request_error", "resource_missing", "No such subscription");
            }
            Map<String, String> form = request.form();
            if (form.containsKey("cancel_at_period_end")) {
                subscription.put("cancel_at_period_end", Boolean.parseBoolean(form.get("cancel_at_period_end")));
            }
            return ok(subscription);
        });
        route("DELETE", "/v1/subscriptions/([^/]+)", (request, match) -> {
            Map<String, Object> subscription = subscriptions.get(match.group(1));
            if (subscription == null) {
                return error(404, "invalid_request_error", "resource_missing", "No such subscription");
            }
            subscription.put("status", "canceled");
            return ok(subscription);
        });
        route("GET", "/v1/invoice_payments", (request, match) -> {
            String invoice = query(request, "invoice");
            String intent = invoiceIntents.get(invoice);
            return ok(list(intent == null ? List.of() : List.of(object("invoice_payment", "inpay", Map.of(
                    "invoice", invoice, "status", "paid",
                    "payment", Map.of("type", "payment_intent", "payment_intent", intent))))));
        });
        route("POST", "/v1/refunds", (request, match) -> {
            Map<String, String> form = request.form();
            Map<String, Object> metadata = new LinkedHashMap<>();
            form.forEach((key, value) -> {
                if (key.startsWith("metadata[")) {
                    metadata.put(key.substring(9, key.length() - 1), value);
                }
            });
            Map<String, Object> refund = object("refund", "re", Map.of(
                    "amount", Long.parseLong(form.get("amount")), "currency", "usd", "status", "succeeded",
                    "payment_intent", form.get("payment_intent"), "metadata", metadata,
                    "created", Instant.now().getEpochSecond()));
            return ok(refund);
        });
        route("POST", "/v1/invoices/([^/]+)/pay", (request, match) -> payInvoicesSucceeds
                ? ok(object("invoice", match.group(1), Map.of("status", "paid")))
                : error(402, "card_error", "card_declined", "Your card was declined."));
        route("GET", "/v1/invoices", (request, match) -> ok(list(listedInvoices)));
        route("GET", "/v1/refunds", (request, match) -> ok(list(listedRefunds)));
        route("GET", "/v1/events", (request, match) -> ok(list(listedEvents)));
    }

    /** A subscription Stripe knows (as after a completed checkout). */
    public synchronized void subscription(String id, String customer, String status) {
        Map<String, Object> item = object("subscription_item", "si", Map.of("quantity", 1));
        Map<String, Object> subscription = new LinkedHashMap<>(Map.of("id", id, "object", "subscription",
                "customer", customer, "status", status, "cancel_at_period_end", false,
                "items", Map.of("object", "list", "data", List.of(item), "has_more", false, "url", "/v1/subscription_items")));
        subscriptions.put(id, subscription);
    }

    public synchronized Map<String, Object> subscription(String id) {
        return subscriptions.get(id);
    }

    /** A paid invoice whose payment intent refunds go to. */
    public synchronized void paidInvoice(String invoiceId, String paymentIntent) {
        invoiceIntents.put(invoiceId, paymentIntent);
    }

    public void payInvoicesSucceeds(boolean succeeds) {
        payInvoicesSucceeds = succeeds;
    }

    /** What the list endpoints return (reconciliation). */
    public synchronized void listed(List<Map<String, Object>> invoices, List<Map<String, Object>> refunds,
                                    List<Map<String, Object>> events) {
        listedInvoices.clear();
        listedInvoices.addAll(invoices);
        listedRefunds.clear();
        listedRefunds.addAll(refunds);
        listedEvents.clear();
        listedEvents.addAll(events);
    }

    private Map<String, Object> object(String type, String prefix, Map<String, Object> fields) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", prefix.contains("_") && !prefix.startsWith("cs_") ? prefix : prefix + "_" + ids.incrementAndGet());
        object.put("object", type);
        object.put("created", Instant.now().getEpochSecond());
        object.put("livemode", false);
        object.putAll(fields);
        return object;
    }

    private static Map<String, Object> list(List<Map<String, Object>> data) {
        return Map.of("object", "list", "data", data, "has_more", false, "url", "/v1/list");
    }

    private static String query(FakeServer.Request request, String name) {
        if (request.query() == null) {
            return null;
        }
        for (String pair : request.query().split("&")) {
            String[] parts = pair.split("=", 2);
            if (java.net.URLDecoder.decode(parts[0], java.nio.charset.StandardCharsets.UTF_8).equals(name)) {
                return java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static mockwebserver3.MockResponse ok(Object body) {
        return json(200, JSON.writeValueAsString(body));
    }

    private static mockwebserver3.MockResponse error(int status, String type, String code, String message) {
        return json(status, JSON.writeValueAsString(Map.of("error", Map.of("type", type, "code", code,
                "message", message))));
    }

    /** Stripe's error body for a failure injected with {@link #failNext}. */
    public static String errorBody(String type, String code, String message) {
        return JSON.writeValueAsString(Map.of("error", Map.of("type", type, "code", code, "message", message)));
    }
}
