package com.aifinance.monitoring.probe;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.monitoring.FakePlatform;
import com.aifinance.monitoring.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SyntheticProbesTest {

    @Autowired
    SyntheticProbes probes;

    @Autowired
    JsonMapper mapper;

    @LocalServerPort
    int port;

    @BeforeEach
    @AfterEach
    void everythingThere() {
        FakePlatform.reset();
    }

    @Test
    void everyJourneyPassesWhenTheGatewayAnswersAsAClientNeeds() {
        Map<String, ProbeResult> results = byProbe(probes.runAll());
        assertThat(results).containsOnlyKeys("discovery", "token", "signals", "dashboard");
        assertThat(results.values()).allSatisfy(result -> {
            assertThat(result.success()).as(result.probe() + ": " + result.detail()).isTrue();
            assertThat(result.statusCode()).isEqualTo(200);
        });
    }

    @Test
    void aJourneyWhoseEndpointIsNotThereYetFailsHonestly() {
        FakePlatform.journey("signals", false);
        FakePlatform.journey("discovery", false);
        Map<String, ProbeResult> results = byProbe(probes.runAll());
        assertThat(results.get("signals").success()).isFalse();
        assertThat(results.get("signals").statusCode()).isEqualTo(404);
        assertThat(results.get("signals").detail()).isEqualTo("HTTP 404 (Not found)");
        assertThat(results.get("discovery").success()).isFalse();
        assertThat(results.get("token").success()).isTrue();
        assertThat(results.get("dashboard").success()).isTrue();
        String metrics = new TestApi(port).get("/actuator/prometheus", null).body();
        assertThat(metrics).containsPattern("monitor_probe_success\\{[^}]*probe=\"signals\"[^}]*} 0\\.0");
        assertThat(metrics).containsPattern("monitor_probe_success\\{[^}]*probe=\"token\"[^}]*} 1\\.0");
    }

    @Test
    void withoutAValidTokenTheSignalsJourneyIsNotCountedAsPassing() {
        ProbeProperties wrongSecret = new ProbeProperties(URI.create(FakePlatform.url() + "/gw"), Duration.ofSeconds(60),
                Duration.ofSeconds(2), FakePlatform.CLIENT_ID, "not-the-secret", "signals:read", "/v1/signals",
                "/", false);
        Map<String, ProbeResult> results = byProbe(new SyntheticJourneys(wrongSecret, mapper, Clock.systemUTC()).runAll());
        assertThat(results.get("token").success()).isFalse();
        assertThat(results.get("token").statusCode()).isEqualTo(401);
        assertThat(results.get("signals").success()).isFalse();
        assertThat(results.get("signals").detail()).contains("token journey gave no access token");
    }

    @Test
    void anUnconfiguredProbeClientIsReportedAsAFailureNotSkipped() {
        ProbeProperties unconfigured = new ProbeProperties(URI.create(FakePlatform.url() + "/gw"),
                Duration.ofSeconds(60), Duration.ofSeconds(2), "", "", "signals:read", "/v1/signals", "/", false);
        ProbeResult token = byProbe(new SyntheticJourneys(unconfigured, mapper, Clock.systemUTC()).runAll()).get("token");
        assertThat(token.success()).isFalse();
        assertThat(token.detail()).contains("AIFA_PROBE_CLIENT_ID");
        assertThat(unconfigured.toString()).doesNotContain("not-the-secret");
    }

    @Test
    void aGatewayThatIsNotThereFailsEveryJourney() {
        ProbeProperties nowhere = new ProbeProperties(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(60),
                Duration.ofSeconds(2), FakePlatform.CLIENT_ID, FakePlatform.CLIENT_SECRET, "signals:read",
                "/v1/signals", "/", false);
        assertThat(new SyntheticJourneys(nowhere, mapper, Clock.systemUTC()).runAll())
                .allSatisfy(result -> assertThat(result.success()).isFalse());
    }

    @Test
    void opsSeeEachJourneysLastResultAndPassRate() {
        probes.runAll();
        var response = new TestApi(port).get("/api/monitoring/probes", TestJwts.ops("ops-probes"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"probe\":\"discovery\"").contains("successRatio24h");
        assertThat(new TestApi(port).get("/api/monitoring/probes", TestJwts.subscriber("u", "pro")).statusCode())
                .isEqualTo(403);
    }

    private static Map<String, ProbeResult> byProbe(List<ProbeResult> results) {
        return results.stream().collect(Collectors.toMap(ProbeResult::probe, Function.identity()));
    }
}
