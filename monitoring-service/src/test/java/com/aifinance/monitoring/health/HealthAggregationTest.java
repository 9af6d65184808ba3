package com.aifinance.monitoring.health;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.monitoring.FakePlatform;
import com.aifinance.monitoring.FakePlatform.Readiness;
import com.aifinance.monitoring.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthAggregationTest {

    @Autowired
    HealthPoller poller;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper mapper;

    @LocalServerPort
    int port;

    @BeforeEach
    @AfterEach
    void everythingUp() {
        FakePlatform.reset();
    }

    @Test
    void everyServiceIsPolledAndItsReadinessAndResponseTimeStored() {
        Instant before = Instant.now();
        List<CheckResult> results = poller.runCycle();
        assertThat(results).extracting(CheckResult::service).containsExactly("analytics-service", "billing-service",
                "dashboard-hub-service", "enterprise-service", "gateway-service", "institutional-api-service",
                "monitoring-service", "queue-monitor-service", "subscription-service");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.up()).isTrue();
            assertThat(result.responseMs()).isNotNull().isGreaterThanOrEqualTo(0);
        });
        assertThat(jdbc.sql("select count(*) from health_checks where checked_at >= ?")
                .param(java.sql.Timestamp.from(before)).query(Long.class).single()).isEqualTo(9);
    }

    @Test
    void aServiceThatIsDownSlowOrNotAnsweringHealthIsDownWithTheReason() {
        FakePlatform.set("billing-service", Readiness.DOWN);
        FakePlatform.set("analytics-service", Readiness.SLOW);
        FakePlatform.set("enterprise-service", Readiness.NOT_JSON);
        Map<String, CheckResult> results = poller.runCycle().stream()
                .collect(Collectors.toMap(CheckResult::service, Function.identity()));
        assertThat(results.get("billing-service").up()).isFalse();
        assertThat(results.get("billing-service").detail()).isEqualTo("HTTP 503 (status DOWN)");
        assertThat(results.get("analytics-service").up()).isFalse();
        assertThat(results.get("analytics-service").detail()).isEqualTo("no answer within 1000 ms");
        assertThat(results.get("enterprise-service").up()).isFalse();
        assertThat(results.get("enterprise-service").detail()).isEqualTo("HTTP 200");
        assertThat(results.get("gateway-service").up()).isTrue();
        String stored = jdbc.sql("""
                        select status || ' ' || detail from health_checks where service = 'billing-service'
                        order by checked_at desc limit 1""").query(String.class).single();
        assertThat(stored).isEqualTo("down HTTP 503 (status DOWN)");
    }

    @Test
    void aServiceNobodyListensForIsConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ReadinessProbe probe = new ReadinessProbe(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(),
                mapper, Clock.systemUTC(), Duration.ofSeconds(1));
        CheckResult result = probe.check("ghost-service", URI.create("http://127.0.0.1:" + closedPort));
        assertThat(result.up()).isFalse();
        assertThat(result.detail()).isEqualTo("connection refused");
        assertThat(result.responseMs()).isNull();
    }

    @Test
    void opsCanReadAServicesChecksForABoundedRange() {
        poller.runCycle();
        TestApi api = new TestApi(port);
        String ops = TestJwts.ops("ops-health");
        Instant now = Instant.now();
        var response = api.get("/api/monitoring/services/billing-service/checks?from=" + now.minus(Duration.ofHours(1))
                + "&to=" + now.plusSeconds(60), ops);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(response.body()).get(0).get("service").asString()).isEqualTo("billing-service");
        assertThat(api.get("/api/monitoring/services/billing-service/checks?from=" + now, ops).statusCode())
                .isEqualTo(400);
        assertThat(api.get("/api/monitoring/services/billing-service/checks?from=" + now + "&to="
                + now.minus(Duration.ofHours(1)), ops).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/monitoring/services/billing-service/checks?from=" + now.minus(Duration.ofDays(8))
                + "&to=" + now, ops).statusCode()).isEqualTo(400);
        var unknown = api.get("/api/monitoring/services/payroll-service/checks?from=" + now.minusSeconds(60)
                + "&to=" + now, ops);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("problems/not-found");
    }

    @Test
    void onlyOpsMayTriggerAPoll() {
        TestApi api = new TestApi(port);
        assertThat(api.post("/api/monitoring/checks/run", TestJwts.subscriber("u", "pro"), "").statusCode())
                .isEqualTo(403);
        assertThat(api.post("/api/monitoring/checks/run", TestJwts.ops("o"), "").statusCode()).isEqualTo(200);
    }
}
