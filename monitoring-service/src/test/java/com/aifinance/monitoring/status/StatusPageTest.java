package com.aifinance.monitoring.status;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.monitoring.FakePlatform;
import com.aifinance.monitoring.FakePlatform.Readiness;
import com.aifinance.monitoring.TestApi;
import com.aifinance.monitoring.health.HealthPoller;
import com.aifinance.monitoring.incident.Incident;
import com.aifinance.monitoring.incident.Incidents;
import com.aifinance.monitoring.probe.SyntheticProbes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatusPageTest {

    @Autowired
    HealthPoller poller;

    @Autowired
    SyntheticProbes probes;

    @Autowired
    Incidents incidents;

    @Autowired
    JsonMapper mapper;

    @LocalServerPort
    int port;

    TestApi api;

    @BeforeEach
    void aHealthyPlatform() {
        api = new TestApi(port);
        FakePlatform.reset();
        poller.runCycle();
        poller.runCycle();
        for (Incident open : incidents.open()) {
            incidents.resolve(open.id(), "Resolved before the status page test.", "test");
        }
        probes.runAll();
    }

    @AfterEach
    void reset() {
        FakePlatform.reset();
    }

    @Test
    void theStatusPageIsPublicAndSaysOperationalWhenEverythingWorks() {
        var response = api.get("/api/monitoring/status", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("max-age=60"));
        JsonNode page = mapper.readTree(response.body());
        assertThat(page.get("status").asString()).isEqualTo("operational");
        assertThat(page.get("services")).hasSize(9);
        JsonNode billing = service(page, "billing-service");
        assertThat(billing.get("status").asString()).isEqualTo("up");
        assertThat(billing.get("uptime").has("24h")).isTrue();
        assertThat(page.get("journeys")).hasSize(4);
        assertThat(page.get("journeys").get(0).get("status").asString()).isEqualTo("passing");
    }

    @Test
    void aDownServiceIsAPartialOutageAndADownGatewayAMajorOne() {
        FakePlatform.set("billing-service", Readiness.DOWN);
        poller.runCycle();
        String body = api.get("/api/monitoring/status", null).body();
        JsonNode page = mapper.readTree(body);
        assertThat(page.get("status").asString()).isEqualTo("partial_outage");
        assertThat(service(page, "billing-service").get("status").asString()).isEqualTo("down");
        assertThat(body).doesNotContain("HTTP 503").doesNotContain("127.0.0.1");

        FakePlatform.set("gateway-service", Readiness.DOWN);
        poller.runCycle();
        assertThat(mapper.readTree(api.get("/api/monitoring/status", null).body()).get("status").asString())
                .isEqualTo("major_outage");
    }

    @Test
    void aFailingJourneyOrAnOpenIncidentMakesThePlatformDegraded() {
        FakePlatform.journey("signals", false);
        probes.runAll();
        assertThat(mapper.readTree(api.get("/api/monitoring/status", null).body()).get("status").asString())
                .isEqualTo("degraded");
        FakePlatform.reset();
        probes.runAll();
        Incident incident = incidents.open(null, "Slow dashboards", "minor", "Pages take 5 s to load.", "ops-1");
        JsonNode page = mapper.readTree(api.get("/api/monitoring/status", null).body());
        assertThat(page.get("status").asString()).isEqualTo("degraded");
        assertThat(page.get("incidents").get(0).get("title").asString()).isEqualTo("Slow dashboards");
        assertThat(page.get("incidents").get(0).get("updates").get(0).get("message").asString())
                .isEqualTo("Pages take 5 s to load.");
        assertThat(page.get("incidents").get(0).has("author")).isFalse();
        incidents.resolve(incident.id(), "Fixed.", "ops-1");
    }

    @Test
    void badgesShowAServicesStateAndUptime() {
        var badge = api.get("/api/monitoring/badges/billing-service.svg", null);
        assertThat(badge.statusCode()).isEqualTo(200);
        assertThat(badge.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(badge.body()).startsWith("<svg").contains("billing-service: up").contains(Badge.GREEN);
        FakePlatform.set("billing-service", Readiness.DOWN);
        poller.runCycle();
        assertThat(api.get("/api/monitoring/badges/billing-service.svg", null).body())
                .contains("billing-service: down").contains(Badge.RED);
        assertThat(api.get("/api/monitoring/badges/billing-service/uptime.svg?window=24h", null).body())
                .contains("uptime 24h: ").contains("%");
        assertThat(api.get("/api/monitoring/badges/platform.svg", null).body()).contains("platform: partial outage");
        var unknown = api.get("/api/monitoring/badges/payroll-service.svg", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("problems/not-found");
        assertThat(api.get("/api/monitoring/badges/billing-service/uptime.svg?window=7d", null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void prometheusShowsEachServicesStatusUptimeAndErrorBudget() {
        String metrics = api.get("/actuator/prometheus", null).body();
        assertThat(metrics).containsPattern("monitor_status\\{[^}]*service=\"billing-service\"[^}]*} 1\\.0");
        assertThat(metrics).containsPattern(
                "monitor_uptime_ratio\\{[^}]*service=\"billing-service\"[^}]*window=\"30d\"[^}]*} [0-9.]+");
        assertThat(metrics).containsPattern("monitor_error_budget_remaining_ratio\\{[^}]*service=\"gateway-service\"");
        assertThat(metrics).containsPattern("monitor_burn_rate\\{[^}]*window=\"1h\"");
        assertThat(metrics).contains("monitor_incidents_open");
    }

    @Test
    void opsSloViewNeedsAnOpsToken() {
        assertThat(api.get("/api/monitoring/slo", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/monitoring/slo", TestJwts.ops("o")).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/monitoring/slo/billing-service", TestJwts.ops("o")).statusCode()).isEqualTo(200);
    }

    private static JsonNode service(JsonNode page, String name) {
        for (JsonNode service : page.get("services")) {
            if (service.get("name").asString().equals(name)) {
                return service;
            }
        }
        throw new AssertionError(name + " is not on the status page");
    }
}
