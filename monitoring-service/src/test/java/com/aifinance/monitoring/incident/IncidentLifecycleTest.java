package com.aifinance.monitoring.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.monitoring.FakePlatform;
import com.aifinance.monitoring.FakePlatform.Readiness;
import com.aifinance.monitoring.TestApi;
import com.aifinance.monitoring.health.CheckResult;
import com.aifinance.monitoring.health.HealthChecks;
import com.aifinance.monitoring.health.HealthCycleCompleted;
import com.aifinance.monitoring.health.HealthPoller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentLifecycleTest {

    @Autowired
    HealthPoller poller;

    @Autowired
    Incidents incidents;

    @Autowired
    HealthChecks checks;

    @Autowired
    IncidentAlerts alerts;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper mapper;

    @LocalServerPort
    int port;

    final String ops = TestJwts.ops("ops-incidents");

    @BeforeEach
    void everythingUpAndRecovered() {
        FakePlatform.reset();
        poller.runCycle();
        poller.runCycle(); // two passed checks in a row: any automatic incident of an earlier test resolves
    }

    @AfterEach
    void reset() {
        FakePlatform.reset();
    }

    @Test
    void aServiceDownForThreeChecksOpensOneIncidentAlertsOpsAndResolvesWhenItRecovers() {
        Instant start = Instant.now();
        FakePlatform.set("billing-service", Readiness.DOWN);
        poller.runCycle();
        poller.runCycle();
        assertThat(openAutomatic("billing-service")).isEmpty();
        poller.runCycle();
        List<Incident> open = openAutomatic("billing-service");
        assertThat(open).hasSize(1);
        Incident incident = open.getFirst();
        assertThat(incident.title()).isEqualTo("billing-service is down");
        assertThat(incident.openedBy()).isEqualTo("monitor");
        assertThat(incident.updates()).singleElement().satisfies(update ->
                assertThat(update.message()).isEqualTo("billing-service failed its last 3 readiness checks; we are investigating."));

        List<JsonNode> alerts = alertsSince(start);
        assertThat(alerts).hasSize(3);
        JsonNode slack = alerts.stream().filter(alert -> "slack".equals(alert.get("channel").asString())).findFirst()
                .orElseThrow();
        assertThat(slack.get("template").asString()).isEqualTo("incident");
        assertThat(slack.get("recipient").get("slackWebhook").asString())
                .isEqualTo("https://hooks.slack.test/services/T000/B000/XXXX");
        assertThat(slack.get("priority").asString()).isEqualTo("high");
        assertThat(slack.get("params").get("incidentId").asString()).isEqualTo(incident.id().toString());
        assertThat(slack.get("params").get("event").asString()).isEqualTo("opened");
        assertThat(slack.get("params").get("detail").asString()).isEqualTo("HTTP 503 (status DOWN)");
        assertThat(alerts).filteredOn(alert -> "email".equals(alert.get("channel").asString()))
                .extracting(alert -> alert.get("recipient").get("email").asString())
                .containsExactlyInAnyOrder("ops@aifinance.test", "oncall@aifinance.test");

        poller.runCycle();
        assertThat(openAutomatic("billing-service")).hasSize(1);
        assertThat(alertsSince(start)).hasSize(3);

        FakePlatform.set("billing-service", Readiness.UP);
        poller.runCycle();
        assertThat(openAutomatic("billing-service")).hasSize(1);
        poller.runCycle();
        assertThat(openAutomatic("billing-service")).isEmpty();
        Incident resolved = incidents.find(incident.id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo("resolved");
        assertThat(resolved.updates()).extracting(Incident.Update::status).containsExactly("investigating", "resolved");
        assertThat(alertsSince(start)).hasSize(6)
                .filteredOn(alert -> "resolved".equals(alert.get("params").get("event").asString())).hasSize(3);
    }

    @Test
    void opsOpenUpdateAndResolveAnIncidentByHandWithATimeline() {
        TestApi api = new TestApi(port);
        var opened = api.post("/api/monitoring/incidents", ops, """
                {"service": "institutional-api-service", "title": "Signals delayed", "severity": "minor",
                 "message": "Crypto signals arrive up to 10 minutes late."}""");
        assertThat(opened.statusCode()).isEqualTo(201);
        JsonNode incident = mapper.readTree(opened.body());
        String id = incident.get("id").asString();
        assertThat(opened.headers().firstValue("Location")).hasValue("/api/monitoring/incidents/" + id);
        assertThat(incident.get("openedBy").asString()).isEqualTo("ops-incidents");

        assertThat(api.post("/api/monitoring/incidents/" + id + "/updates", ops, """
                {"status": "identified", "message": "A market-data provider throttles us."}""").statusCode())
                .isEqualTo(200);
        var resolved = api.post("/api/monitoring/incidents/" + id + "/resolve", ops, """
                {"resolution": "Switched to the backup provider."}""");
        assertThat(resolved.statusCode()).isEqualTo(200);
        JsonNode timeline = mapper.readTree(resolved.body()).get("updates");
        assertThat(timeline).hasSize(3);
        assertThat(timeline.get(1).get("status").asString()).isEqualTo("identified");
        assertThat(timeline.get(2).get("message").asString()).isEqualTo("Switched to the backup provider.");

        var again = api.post("/api/monitoring/incidents/" + id + "/resolve", ops, "{\"resolution\": \"again\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("problems/conflict");
        assertThat(api.post("/api/monitoring/incidents/" + id + "/updates", ops,
                "{\"status\": \"monitoring\", \"message\": \"late\"}").statusCode()).isEqualTo(409);
        assertThat(api.get("/api/monitoring/incidents/" + id, ops).statusCode()).isEqualTo(200);
    }

    @Test
    void incidentRequestsAreValidatedAndForOpsOnly() {
        TestApi api = new TestApi(port);
        assertThat(api.post("/api/monitoring/incidents", ops, """
                {"title": "x", "severity": "apocalyptic", "message": ""}""").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/monitoring/incidents", ops, """
                {"service": "payroll-service", "title": "Payroll", "severity": "minor", "message": "m"}""")
                .statusCode()).isEqualTo(400);
        assertThat(api.post("/api/monitoring/incidents", TestJwts.subscriber("u", "enterprise"), """
                {"title": "Mine", "severity": "minor", "message": "m"}""").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/monitoring/incidents/00000000-0000-0000-0000-000000000000", ops).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/monitoring/incidents?from=2026-01-01T00:00:00Z", ops).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/monitoring/incidents?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", ops)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void noIncidentOpensAutomaticallyWhileTheMonitorIsStillInItsStartupGrace() {
        Instant now = Instant.now();
        List<CheckResult> down = List.of(0, 1, 2).stream()
                .map(i -> new CheckResult("grace-service", now.minusSeconds(90 - 30L * i), false, null,
                        "connection refused"))
                .toList();
        checks.record(down);
        Incidents starting = new Incidents(jdbc, checks, alerts, properties(Duration.ofMinutes(3)),
                Clock.systemUTC(), new SimpleMeterRegistry());
        transactions.executeWithoutResult(status ->
                starting.onCycle(new HealthCycleCompleted(Instant.now(), List.of(down.getLast()))));
        assertThat(openAutomatic("grace-service")).isEmpty();
        Incidents running = new Incidents(jdbc, checks, alerts, properties(Duration.ZERO),
                Clock.systemUTC(), new SimpleMeterRegistry());
        transactions.executeWithoutResult(status ->
                running.onCycle(new HealthCycleCompleted(Instant.now(), List.of(down.getLast()))));
        assertThat(openAutomatic("grace-service")).hasSize(1);
        incidents.resolve(openAutomatic("grace-service").getFirst().id(), "test over", "test");
    }

    private static IncidentProperties properties(Duration grace) {
        return new IncidentProperties(3, 2, grace, "", List.of(), "http://localhost:8080/api/monitoring/status");
    }

    private List<Incident> openAutomatic(String service) {
        return incidents.open().stream().filter(i -> i.automatic() && service.equals(i.service())).toList();
    }

    private List<JsonNode> alertsSince(Instant since) {
        return jdbc.sql("""
                        select envelope::text from event_outbox
                        where stream = 'aifa.notify' and type = 'notification.requested' and created_at >= ?
                        order by id""")
                .param(Timestamp.from(since)).query(String.class).list().stream()
                .map(envelope -> mapper.readTree(envelope).get("data"))
                .filter(data -> data.get("params").get("service").asString().equals("billing-service"))
                .toList();
    }
}
