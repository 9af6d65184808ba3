package com.aifinance.dashboard.ops;

import java.util.Map;

import com.aifinance.dashboard.support.Browser;
import com.aifinance.dashboard.support.FakePlatform;
import com.aifinance.dashboard.support.FakePlatform.Service;
import com.aifinance.dashboard.support.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HubTest
class OpsPagesTest {

    static final String DEAD_LETTERS = """
            {"items":[{"id":"1764140000000-0","reason":"handler failed: unknown tier","group":"analytics-service",
              "entryId":"1764130000000-0","deliveries":5,"deadLetteredAt":"2026-11-26T08:00:00Z","movedBy":null,
              "eventId":"e-1","eventType":"subscription.activated","subject":"s-1","event":"{}"}],"next":null}""";

    @LocalServerPort
    int port;

    private final FakePlatform fakes = FakePlatform.get();
    private Browser ops;

    @BeforeEach
    void signIn() {
        fakes.reset();
        ops = new Browser(port).login(Browser.User.ops());
    }

    @Test
    void theOpsHubIsForOpsOnly() {
        Browser subscriber = new Browser(port).login(Browser.User.subscriber("enterprise"));

        assertThat(subscriber.get("/ops").statusCode()).isEqualTo(403);
        assertThat(subscriber.get("/ops/queues").statusCode()).isEqualTo(403);
        assertThat(subscriber.get("/analytics").statusCode()).isEqualTo(403);
        assertThat(ops.get("/ops").statusCode()).isEqualTo(200);
    }

    @Test
    void healthCombinesTheLiveStatusWithEachServicesSlo() {
        fakes.json(Service.MONITORING, "GET", "/api/monitoring/status", 200, """
                {"status":"partial_outage","services":[{"name":"billing-service","status":"down","responseTimeMs":null,
                  "uptime":{"24h":0.95,"30d":0.9991}}],"journeys":[{"name":"token","status":"passing"}]}""");
        fakes.json(Service.MONITORING, "GET", "/api/monitoring/slo", 200, """
                [{"service":"billing-service","uptime":{},"slo":{"target":0.999,"windowDays":30,"checks":100,
                  "failedChecks":9,"errorBudgetRemaining":0.1,"errorBudgetMinutes":43.2,
                  "errorBudgetRemainingMinutes":4.32,"burnRate":{"1h":20.5,"6h":7,"24h":2}}}]""");

        String panel = ops.panel("/ops/panels/health", "/ops").body();

        assertThat(panel).contains("partial_outage").contains("billing-service").contains("down")
                .contains("95 %").contains("99.91 %").contains("4.32 min").contains("20.50");
    }

    @Test
    void monitoringBeingDownOnlyEmptiesItsOwnPanels() {
        fakes.down(Service.MONITORING, "GET", "/api/monitoring/status");
        fakes.json(Service.SUBSCRIPTION, "GET", "/api/subscriptions/flags", 200, "{\"crypto_signals\":{\"global\":false}}");

        assertThat(ops.panel("/ops/panels/health", "/ops").body()).contains("The monitoring service is not answering");
        assertThat(ops.panel("/ops/panels/flags", "/ops").body()).contains("crypto_signals");
    }

    @Test
    void retryingADeadLetterNeedsAReasonWhichGoesToTheAuditTrail() {
        String retry = "/api/queues/streams/aifa.subscription/dead-letters/1764140000000-0/retry";
        fakes.json(Service.QUEUE_MONITOR, "GET", "/api/queues/streams/aifa.subscription/dead-letters?limit=50", 200,
                DEAD_LETTERS);
        fakes.json(Service.QUEUE_MONITOR, "POST", retry, 200, """
                {"action":"retry","stream":"aifa.subscription","group":null,"affected":1,"entryIds":["1764150000000-0"]}""");

        String withoutReason = ops.post("/ops/queues/aifa.subscription/dead-letters/1764140000000-0/retry",
                Map.of("reason", " ")).body();
        String retried = ops.post("/ops/queues/aifa.subscription/dead-letters/1764140000000-0/retry",
                Map.of("reason", "fixed the tier mapping")).body();

        assertThat(withoutReason).contains("Give a reason").contains("aria-invalid=\"true\"");
        assertThat(fakes.requests(Service.QUEUE_MONITOR, "POST", retry)).hasSize(1);
        assertThat(FakePlatform.body(fakes.requests(Service.QUEUE_MONITOR, "POST", retry).getFirst()))
                .contains("\"reason\":\"fixed the tier mapping\"");
        assertThat(retried).contains("is back on aifa.subscription");
    }

    @Test
    void deadLettersAndStreamsShowTheirEmptyAndErrorStates() {
        fakes.json(Service.QUEUE_MONITOR, "GET", "/api/queues/streams/aifa.notify/dead-letters?limit=50", 200,
                "{\"items\":[],\"next\":null}");
        fakes.down(Service.QUEUE_MONITOR, "GET", "/api/queues/streams");

        assertThat(ops.panel("/ops/panels/dead-letters?stream=aifa.notify", "/ops/queues").body())
                .contains("No dead letters on aifa.notify.");
        assertThat(ops.panel("/ops/panels/streams", "/ops/queues").body())
                .contains("The notifications and queues service is not answering");
    }

    @Test
    void pausingAGroupIsSentWithItsReason() {
        fakes.json(Service.QUEUE_MONITOR, "GET", "/api/queues/streams", 200, """
                [{"stream":"aifa.billing","exists":true,"length":10,"deadLetters":0,"groups":[{"name":"analytics-service",
                  "lag":0,"lagExact":true,"pending":0,"maxDeliveries":0,"redelivered":0,"deadLetters":0,"paused":false,
                  "consumers":[]}]}]""");
        fakes.json(Service.QUEUE_MONITOR, "POST", "/api/queues/streams/aifa.billing/groups/analytics-service/pause", 200,
                "{\"action\":\"pause\",\"stream\":\"aifa.billing\",\"group\":\"analytics-service\",\"affected\":0}");

        String panel = ops.post("/ops/queues/aifa.billing/groups/analytics-service/pause",
                Map.of("reason", "bad deploy")).body();

        assertThat(panel).contains("analytics-service on aifa.billing is paused.");
    }

    @Test
    void flagsAreSetPerTierAndWebhooksCanBeReplayed() {
        fakes.json(Service.SUBSCRIPTION, "GET", "/api/subscriptions/flags", 200, "{}");
        fakes.json(Service.SUBSCRIPTION, "PUT", "/api/subscriptions/flags/crypto_signals", 200, "{}");
        fakes.json(Service.BILLING, "GET", "/api/billing/ops/webhooks?status=parked&limit=25", 200, """
                [{"provider":"STRIPE","eventId":"evt_1","type":"invoice.paid","receivedAt":"2026-11-26T08:00:00Z",
                  "status":"parked","attempts":1,"lastError":"unknown_customer: cus_9"}]""");
        fakes.json(Service.BILLING, "POST", "/api/billing/ops/webhooks/stripe/evt_1/replay", 200, "{}");

        String flags = ops.post("/ops/flags/crypto_signals", Map.of("tier", "pro", "value", "off")).body();
        String webhooks = ops.panel("/ops/panels/webhooks", "/ops").body();
        String replayed = ops.post("/ops/webhooks/stripe/evt_1/replay", Map.of()).body();

        assertThat(FakePlatform.body(fakes.requests(Service.SUBSCRIPTION, "PUT", "/api/subscriptions/flags").getFirst()))
                .contains("\"enabled\":false").contains("\"tier\":\"pro\"");
        assertThat(flags).contains("crypto_signals for pro set to off.");
        assertThat(webhooks).contains("evt_1").contains("unknown_customer: cus_9").contains("Replay");
        assertThat(replayed).contains("Event evt_1 queued again.");
    }

    @Test
    void anIncidentWithoutATitleIsRefusedNextToTheField() {
        fakes.json(Service.MONITORING, "GET", "/api/monitoring/incidents/open", 200, "[]");

        String panel = ops.post("/ops/incidents", Map.of("title", "", "severity", "major", "message", "down",
                "service", "")).body();

        assertThat(panel).contains("Enter a title").contains("No open incidents.");
        assertThat(fakes.requests(Service.MONITORING, "POST", "/api/monitoring/incidents")).isEmpty();
    }
}
