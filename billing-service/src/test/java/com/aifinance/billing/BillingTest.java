package com.aifinance.billing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.aifinance.billing.fakes.FakeRazorpay;
import com.aifinance.billing.fakes.FakeStripe;
import com.aifinance.billing.fakes.FakeVendors;
import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import com.stripe.net.Webhook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/** One Spring context for every billing test: real PostgreSQL and Redis, fake Stripe, Razorpay and catalog. */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BillingTest {

    protected static final JsonMapper JSON = new JsonMapper();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MeterRegistry meters;

    protected static FakeStripe stripe() {
        return FakeVendors.stripe();
    }

    protected static FakeRazorpay razorpay() {
        return FakeVendors.razorpay();
    }

    protected static String newUser() {
        return UUID.randomUUID().toString();
    }

    protected record Answer(int status, JsonNode body, String raw) {
    }

    protected Answer post(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body))),
                token);
    }

    protected Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    protected HttpResponse<byte[]> getBytes(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private Answer send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    // ---- webhooks, signed the vendors' way ----

    /** A Stripe event envelope as Stripe sends it. */
    protected static String stripeEvent(String id, String type, Map<String, Object> object, Instant created) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", "2026-07-29.dahlia");
        event.put("created", created.getEpochSecond());
        event.put("data", Map.of("object", object));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("request", Map.of());
        event.put("type", type);
        return JSON.writeValueAsString(event);
    }

    /** Signed now with stripe-java's own helper. */
    protected static String stripeSignature(String payload) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, FakeVendors.STRIPE_WEBHOOK_SECRET);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String stripeSignature(String payload, String secret, long timestamp) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret, timestamp);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected Answer stripeWebhook(String payload, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/billing/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return send(request, null);
    }

    protected Answer stripeWebhook(String payload) {
        return stripeWebhook(payload, stripeSignature(payload));
    }

    /** A Razorpay event envelope. */
    protected static String razorpayEvent(String type, Map<String, Object> payload, Instant created) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("entity", "event");
        event.put("account_id", "acc_FakeAccount01");
        event.put("event", type);
        event.put("contains", payload.keySet());
        event.put("payload", payload);
        event.put("created_at", created.getEpochSecond());
        return JSON.writeValueAsString(event);
    }

    protected static String razorpaySignature(String payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected Answer razorpayWebhook(String eventId, String payload, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/billing/webhooks/razorpay"))
                .header("Content-Type", "application/json")
                .header("X-Razorpay-Event-Id", eventId)
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("X-Razorpay-Signature", signature);
        }
        return send(request, null);
    }

    protected Answer razorpayWebhook(String eventId, String payload) {
        return razorpayWebhook(eventId, payload, razorpaySignature(payload, FakeVendors.RAZORPAY_WEBHOOK_SECRET));
    }

    /** Waits until the stored event left the queue, and returns its status. */
    protected String awaitHandled(String provider, String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !"received".equals(eventStatus(provider, eventId)));
        return eventStatus(provider, eventId);
    }

    protected String eventStatus(String provider, String eventId) {
        return jdbc.sql("select status from webhook_events where provider = ? and event_id = ?")
                .params(provider, eventId).query(String.class).optional().orElse(null);
    }

    protected String eventNote(String provider, String eventId) {
        return jdbc.sql("select last_error from webhook_events where provider = ? and event_id = ?")
                .params(provider, eventId).query(String.class).optional().orElse(null);
    }

    // ---- subscribers ----

    /** A subscriber who went through Stripe checkout: returns our subscription id and the Stripe ids. */
    protected record StripeSubscriber(String userId, String token, String subscriptionId, String customerId,
                                      String stripeSubscriptionId) {
    }

    protected StripeSubscriber stripeSubscriber(String planCode) {
        String user = newUser();
        String token = TestJwts.subscriber(user, "none");
        Answer checkout = post("/api/billing/checkout", token, Map.of("planCode", planCode));
        if (checkout.status() != 201) {
            throw new IllegalStateException("checkout failed: " + checkout.raw());
        }
        String subscriptionId = checkout.body().path("subscriptionId").asString();
        String customer = jdbc.sql("select provider_customer_id from billing_customers where user_id = ? and provider = 'stripe'")
                .param(user).query(String.class).single();
        String stripeSubscription = "sub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        stripe().subscription(stripeSubscription, customer, "active");
        return new StripeSubscriber(user, token, subscriptionId, customer, stripeSubscription);
    }

    /** A Stripe subscription object with our id in its metadata. */
    protected static Map<String, Object> stripeSubscriptionObject(StripeSubscriber subscriber, String status,
                                                                  Instant periodEnd) {
        return Map.of("id", subscriber.stripeSubscriptionId(), "object", "subscription",
                "customer", subscriber.customerId(), "status", status, "cancel_at_period_end", false,
                "metadata", Map.of("billing_subscription_id", subscriber.subscriptionId()),
                "items", Map.of("object", "list", "data", java.util.List.of(Map.of("id", "si_x",
                        "object", "subscription_item", "current_period_end", periodEnd.getEpochSecond()))));
    }

    /** A paid Stripe invoice (API dahlia shape). */
    protected static Map<String, Object> stripeInvoice(StripeSubscriber subscriber, String invoiceId, long amount,
                                                       String currency, Instant paidAt) {
        Map<String, Object> invoice = new LinkedHashMap<>();
        invoice.put("id", invoiceId);
        invoice.put("object", "invoice");
        invoice.put("customer", subscriber.customerId());
        invoice.put("amount_paid", amount);
        invoice.put("amount_due", amount);
        invoice.put("currency", currency);
        invoice.put("status", "paid");
        invoice.put("total_taxes", java.util.List.of());
        invoice.put("status_transitions", Map.of("paid_at", paidAt.getEpochSecond()));
        invoice.put("parent", Map.of("type", "subscription_details", "subscription_details", Map.of(
                "subscription", subscriber.stripeSubscriptionId(),
                "metadata", Map.of("billing_subscription_id", subscriber.subscriptionId()))));
        return invoice;
    }

    /** A paid Stripe invoice whose subscription line pays {@code [periodStart, periodEnd]} (as a renewal does). */
    protected static Map<String, Object> stripeInvoice(StripeSubscriber subscriber, String invoiceId, long amount,
                                                       String currency, Instant paidAt, Instant periodStart,
                                                       Instant periodEnd) {
        Map<String, Object> invoice = new LinkedHashMap<>(stripeInvoice(subscriber, invoiceId, amount, currency, paidAt));
        invoice.put("lines", Map.of("object", "list", "has_more", false, "data", java.util.List.of(Map.of(
                "id", "il_" + invoiceId, "object", "line_item", "amount", amount, "currency", currency,
                "period", Map.of("start", periodStart.getEpochSecond(), "end", periodEnd.getEpochSecond()),
                "parent", Map.of("type", "subscription_item_details", "subscription_item_details", Map.of(
                        "subscription", subscriber.stripeSubscriptionId(), "subscription_item", "si_x",
                        "proration", false))))));
        return invoice;
    }

    /** The data of every event of {@code type} billing's outbox holds about {@code subject}, oldest first. */
    protected List<JsonNode> published(String type, String subject) {
        return jdbc.sql("select envelope::text from event_outbox where type = ? and subject = ? order by id")
                .params(type, subject).query(String.class).list().stream()
                .map(envelope -> JSON.readTree(envelope).path("data")).toList();
    }

    /** The types of the events billing's outbox holds about {@code subject} on {@code aifa.billing}, oldest first. */
    protected List<String> publishedTypes(String subject) {
        return jdbc.sql("select type from event_outbox where stream = 'aifa.billing' and subject = ? order by id")
                .param(subject).query(String.class).list();
    }

    protected double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    protected static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
