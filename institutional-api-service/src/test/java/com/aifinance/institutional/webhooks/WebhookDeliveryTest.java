package com.aifinance.institutional.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A published signal travels outbox → Redis stream → fan-out → signed POST. A hanging endpoint is cut off by the
 * timeout, logged and retried with backoff, and never delays the other endpoint.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookDeliveryTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JsonMapper json;

    private MockWebServer healthy;
    private MockWebServer hanging;
    private final String client = "webhook-client-" + UUID.randomUUID();
    private String token;

    @BeforeEach
    void start() throws Exception {
        healthy = new MockWebServer();
        hanging = new MockWebServer();
        healthy.start(0);
        hanging.start(0);
        token = TestJwts.token().subject(client).tier("institutional").roles("institutional_client")
                .scope("signals:read webhooks:manage").sign();
    }

    @AfterEach
    void stop() throws Exception {
        for (JsonNode endpoint : json.readTree(send("GET", "/v1/webhooks", null).body()).path("data")) {
            send("DELETE", "/v1/webhooks/" + endpoint.path("id").asString(), null);
        }
        healthy.close();
        hanging.close();
    }

    @Test
    void aNewSignalIsPostedSignedWhileAHangingEndpointIsCutOffAndRetried() throws Exception {
        for (int i = 0; i < 3; i++) {
            hanging.enqueue(new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).code(200).build());
        }
        for (int i = 0; i < 5; i++) {
            healthy.enqueue(new MockResponse.Builder().code(204).build());
        }
        JsonNode slow = register(hanging.url("/hook").toString());
        JsonNode fast = register(healthy.url("/hook").toString());
        String secret = fast.path("secret").asString();
        assertThat(secret).startsWith("whsec_");

        String signalId = publishSignal();

        RecordedRequest delivered;
        String body;
        do { // skip deliveries of signals other tests published, should the stream still carry them
            delivered = healthy.takeRequest(20, TimeUnit.SECONDS);
            assertThat(delivered).as("the healthy endpoint is served while the other one hangs").isNotNull();
            body = delivered.getBody().utf8();
        } while (!body.contains(signalId));
        String timestamp = delivered.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER);
        assertThat(delivered.getHeaders().get(WebhookSignature.SIGNATURE_HEADER))
                .isEqualTo("t=" + timestamp + ",v1=" + WebhookSignature.sign(secret, Long.parseLong(timestamp), body));
        assertThat(json.readTree(body).path("data").path("signalId").asString()).isEqualTo(signalId);
        assertThat(json.readTree(body).path("type").asString()).isEqualTo("signal.published");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode data = json.readTree(send("GET", "/v1/webhooks/" + slow.path("id").asString() + "/deliveries",
                    null).body()).path("data");
            JsonNode log = data.get(data.size() - 1); // the oldest: our signal came first or after stale ones
            assertThat(log.path("status").asString()).isEqualTo("pending");
            assertThat(log.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(log.path("attemptLog").get(0).path("error").asString()).isEqualTo("timed out");
            assertThat(log.path("attemptLog").get(0).path("durationMs").asLong()).isLessThan(10_000);
        });
        JsonNode fastLog = null;
        for (JsonNode entry : json.readTree(send("GET", "/v1/webhooks/" + fast.path("id").asString() + "/deliveries",
                null).body()).path("data")) {
            if (entry.path("status").asString().equals("delivered")) {
                fastLog = entry;
            }
        }
        assertThat(fastLog).isNotNull();
        assertThat(fastLog.path("status").asString()).isEqualTo("delivered");
        assertThat(fastLog.path("attemptLog").get(0).path("statusCode").asInt()).isEqualTo(204);
    }

    @Test
    void afterARotationDeliveriesCarryTheNewAndThePreviousSignature() throws Exception {
        healthy.enqueue(new MockResponse.Builder().code(200).build());
        JsonNode endpoint = register(healthy.url("/rotating").toString());
        String previous = endpoint.path("secret").asString();
        HttpResponse<String> rotation = send("POST", "/v1/webhooks/" + endpoint.path("id").asString() + "/rotate-secret",
                "");
        assertThat(rotation.statusCode()).isEqualTo(200);
        String current = json.readTree(rotation.body()).path("secret").asString();
        assertThat(current).isNotEqualTo(previous);

        publishSignal();

        RecordedRequest delivered = healthy.takeRequest(20, TimeUnit.SECONDS);
        assertThat(delivered).isNotNull();
        String body = delivered.getBody().utf8();
        long timestamp = Long.parseLong(delivered.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER));
        assertThat(delivered.getHeaders().get(WebhookSignature.SIGNATURE_HEADER)).isEqualTo("t=" + timestamp
                + ",v1=" + WebhookSignature.sign(current, timestamp, body)
                + ",v1=" + WebhookSignature.sign(previous, timestamp, body));
    }

    @Test
    void endpointsAreForInstitutionalClientsWithTheScopeAndMustBeURLs() throws Exception {
        HttpResponse<String> subscriber = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/v1/webhooks"))
                .header("Authorization", "Bearer " + TestJwts.subscriber("pro-user", "pro")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subscriber.statusCode()).isEqualTo(403);
        assertThat(subscriber.body()).contains("problems/forbidden");
        HttpResponse<String> invalid = send("POST", "/v1/webhooks", json.writeValueAsString(Map.of("url", "ftp://x")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"url\"");
        HttpResponse<String> blank = send("POST", "/v1/webhooks", "{\"url\": \"\"}");
        assertThat(blank.statusCode()).isEqualTo(400);
    }

    @Test
    void productionRulesRefuseEndpointsOnPlainHttpOrOnOurOwnNetwork() {
        WebhookProperties production = new WebhookProperties(true, false, Duration.ofSeconds(2), Duration.ofSeconds(5),
                8, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(1), 8, Duration.ofHours(24), 10, null, null,
                true);
        assertThat(EndpointAddress.problem("http://hooks.example.com/x", production)).hasValue("must be an https URL");
        assertThat(EndpointAddress.problem("https://127.0.0.1/x", production))
                .hasValue("resolves to a private or local address");
        assertThat(EndpointAddress.problem("https://10.1.2.3/x", production))
                .hasValue("resolves to a private or local address");
        assertThat(EndpointAddress.problem("https://user:pw@8.8.8.8/x", production)).hasValue("must not carry credentials");
        assertThat(EndpointAddress.problem("https://8.8.8.8/hook", production)).isEmpty();
    }

    private String publishSignal() {
        String signalId = UUID.randomUUID().toString();
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("signalId", signalId);
        data.put("symbol", "SIM-STK-A");
        data.put("assetClass", "stock");
        data.put("direction", "long");
        data.put("entry", "100.00");
        data.put("target", "101.00");
        data.put("stop", "99.00");
        data.put("horizon", "PT10M");
        data.put("confidence", 0.7);
        data.put("modelVersion", "stock-sim-logistic-test");
        data.put("generatedAt", "2026-11-26T08:00:00Z");
        data.put("simulated", true);
        transactions.executeWithoutResult(status -> outbox.publish(EventStreams.SIGNAL, "signal.published", signalId,
                data));
        return signalId;
    }

    private JsonNode register(String url) throws Exception {
        HttpResponse<String> response = send("POST", "/v1/webhooks", json.writeValueAsString(Map.of("url", url,
                "description", "test")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

}
