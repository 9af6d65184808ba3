package com.aifinance.billing.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Razorpay's REST API v1: JSON in and out, Basic auth, collections as {@code {"entity":"collection",…}}. */
public final class FakeRazorpay extends FakeServer {

    private static final JsonMapper JSON = new JsonMapper();

    private final AtomicInteger ids = new AtomicInteger();
    private final List<Map<String, Object>> listedPayments = new ArrayList<>();
    private final List<Map<String, Object>> listedRefunds = new ArrayList<>();

    FakeRazorpay() {
        route("POST", "/v1/customers", (request, match) -> ok(entity("customer", "cust", Map.of(
                "name", body(request).path("name").asString(), "email", body(request).path("email").asString("")))));
        route("POST", "/v1/plans", (request, match) -> ok(entity("plan", "plan", Map.of(
                "period", body(request).path("period").asString(), "interval", 1,
                "item", body(request).path("item")))));
        route("POST", "/v1/subscriptions", (request, match) -> {
            Map<String, Object> subscription = entity("subscription", "sub", Map.of(
                    "plan_id", body(request).path("plan_id").asString(), "status", "created",
                    "notes", body(request).path("notes"), "total_count", body(request).path("total_count").asInt()));
            subscription.put("short_url", "https://rzp.io/i/" + subscription.get("id"));
            return ok(subscription);
        });
        route("PATCH", "/v1/subscriptions/([^/]+)", (request, match) -> ok(entity("subscription", match.group(1),
                Map.of("plan_id", body(request).path("plan_id").asString(), "status", "active"))));
        route("POST", "/v1/subscriptions/([^/]+)/cancel", (request, match) -> ok(entity("subscription",
                match.group(1), Map.of("status", "cancelled"))));
        route("POST", "/v1/payments/([^/]+)/refund", (request, match) -> ok(entity("refund", "rfnd", Map.of(
                "payment_id", match.group(1), "amount", body(request).path("amount").asLong(), "currency", "INR",
                "status", "processed", "notes", body(request).path("notes"),
                "receipt", body(request).path("receipt").asString()))));
        route("POST", "/v1/payment_links", (request, match) -> {
            Map<String, Object> link = entity("payment_link", "plink", Map.of(
                    "amount", body(request).path("amount").asLong(), "status", "created",
                    "reference_id", body(request).path("reference_id").asString()));
            link.put("short_url", "https://rzp.io/l/" + link.get("id"));
            return ok(link);
        });
        route("GET", "/v1/payments", (request, match) -> ok(collection(listedPayments)));
        route("GET", "/v1/refunds", (request, match) -> ok(collection(listedRefunds)));
    }

    public synchronized void listed(List<Map<String, Object>> payments, List<Map<String, Object>> refunds) {
        listedPayments.clear();
        listedPayments.addAll(payments);
        listedRefunds.clear();
        listedRefunds.addAll(refunds);
    }

    private Map<String, Object> entity(String type, String prefix, Map<String, Object> fields) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("id", prefix.contains("_") ? prefix : prefix + "_Fake" + ids.incrementAndGet());
        entity.put("entity", type);
        entity.put("created_at", Instant.now().getEpochSecond());
        entity.putAll(fields);
        return entity;
    }

    private static Map<String, Object> collection(List<Map<String, Object>> items) {
        return Map.of("entity", "collection", "count", items.size(), "items", items);
    }

    private static JsonNode body(FakeServer.Request request) {
        return JSON.readTree(request.body());
    }

    private static mockwebserver3.MockResponse ok(Object body) {
        return json(200, JSON.writeValueAsString(body));
    }

    public static String errorBody(String code, String description) {
        return JSON.writeValueAsString(Map.of("error", Map.of("code", code, "description", description,
                "source", "business", "step", "payment_initiation", "reason", "input_validation_failed")));
    }
}
