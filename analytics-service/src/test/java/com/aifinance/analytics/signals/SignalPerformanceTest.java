package com.aifinance.analytics.signals;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.aifinance.analytics.TestApi;
import com.aifinance.analytics.TestEvents;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signal outcomes of June–July 2025 (no other test writes signals):
 * <pre>
 * live, real data, June: s1–s6 target first (+2.0 % each; s1–s4 crypto, the rest stock), s7–s9 stop first (−1.0 %),
 *                        s10 horizon (+0.5 %)  → 10 resolved, accuracy 6 / 10 = 60.00 %
 *   Wilson 95 % (z = 1.959964, z² = 3.841459): centre (0.6 + 3.841459 / 20) / (1 + 3.841459 / 10) = 0.79207 / 1.38415
 *   = 0.57225; half-width z · √(0.6 · 0.4 / 10 + 3.841459 / 400) / 1.38415 = 1.959964 · 0.183313 / 1.38415 = 0.25958
 *   → [31.27 %, 83.18 %]; win rate (positive return) 7 / 10 = 70.00 %; average return (12 − 3 + 0.5) / 10 = 0.9500;
 *   profit factor 12.5 / 3 = 4.1667
 * live, real data, July: s11 target (+2.0), s12 stop (−1.0)
 *   whole range: 12 resolved, 7 target → 58.33 % [31.95 %, 80.67 %]; wins 8 / 12 = 66.67 %; average 10.5 / 12 = 0.8750;
 *   profit factor 14.5 / 4 = 3.6250
 * backtest, June: b1–b5 target first → reported only in mode=backtest: 5 / 5 = 100.00 % [56.55 %, 100.00 %]
 * live, simulated instruments, June: m1–m4 stop first → reported only with simulated=true: 0 / 4 = 0.00 %
 * </pre>
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalPerformanceTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper mapper;

    @LocalServerPort
    int port;

    TestApi api;
    TestEvents events;
    final String ops = TestJwts.ops("ops-signals");
    final String pro = TestJwts.subscriber("pro-user", "pro");

    @BeforeAll
    void resolveSignals() {
        api = new TestApi(port, mapper);
        events = new TestEvents(redis, jdbc, mapper);
        for (int i = 1; i <= 6; i++) {
            resolved("s" + i, i <= 4 ? "crypto" : "stock", "target_first", "2.0", "2025-06-0" + i + "T12:00:00Z", "live", false);
        }
        for (int i = 7; i <= 9; i++) {
            resolved("s" + i, "stock", "stop_first", "-1.0", "2025-06-1" + i + "T12:00:00Z", "live", false);
        }
        resolved("s10", "stock", "horizon", "0.5", "2025-06-20T12:00:00Z", "live", false);
        resolved("s1", "crypto", "target_first", "2.0", "2025-06-01T12:00:00Z", "live", false); // republished: once
        resolved("s11", "forex", "target_first", "2.0", "2025-07-02T12:00:00Z", "live", false);
        resolved("s12", "forex", "stop_first", "-1.0", "2025-07-03T12:00:00Z", "live", false);
        for (int i = 1; i <= 5; i++) {
            resolved("b" + i, "stock", "target_first", "1.0", "2025-06-0" + i + "T13:00:00Z", "backtest", false);
        }
        for (int i = 1; i <= 4; i++) {
            resolved("m" + i, "crypto", "stop_first", "-1.0", "2025-06-0" + i + "T14:00:00Z", "live", true);
        }
        events.awaitHandled();
    }

    @Test
    void accuracyComesWithItsSampleSizeAndWilsonIntervalPerMonthAndOverall() {
        JsonNode report = api.json("/api/analytics/signals/performance?from=2025-06-01&to=2025-07-31", ops);
        JsonNode june = report.get("periods").get(0);
        assertThat(report.get("periods")).hasSize(2);
        assertThat(june.get("start").asString()).isEqualTo("2025-06-01");
        assertPeriod(june, 10, 6, 3, 1, "60.00", "31.27", "83.18", "70.00", "0.9500", "4.1667");
        JsonNode july = report.get("periods").get(1);
        assertThat(july.get("sampleSize").asLong()).isEqualTo(2);
        assertPeriod(report.get("total"), 12, 7, 4, 1, "58.33", "31.95", "80.67", "66.67", "0.8750", "3.6250");
    }

    @Test
    void backtestAndSimulatedResultsAreReportedApartFromLiveOnes() {
        JsonNode backtest = api.json("/api/analytics/signals/performance?from=2025-06-01&to=2025-06-30&mode=backtest", ops)
                .get("total");
        assertPeriod(backtest, 5, 5, 0, 0, "100.00", "56.55", "100.00", "100.00", "1.0000", null);
        JsonNode simulated = api.json("/api/analytics/signals/performance?from=2025-06-01&to=2025-06-30&simulated=true", ops)
                .get("total");
        assertThat(simulated.get("sampleSize").asLong()).isEqualTo(4);
        assertThat(simulated.get("accuracyPct").decimalValue()).isEqualByComparingTo("0.00");
    }

    @Test
    void reportsFilterByAssetClassAndGroupByWeek() {
        JsonNode crypto = api.json(
                "/api/analytics/signals/performance?from=2025-06-01&to=2025-06-30&assetClass=crypto", ops).get("total");
        assertThat(crypto.get("sampleSize").asLong()).isEqualTo(4);
        assertThat(crypto.get("accuracyPct").decimalValue()).isEqualByComparingTo("100.00");
        JsonNode weeks = api.json(
                "/api/analytics/signals/performance?from=2025-06-01&to=2025-06-30&granularity=week", ops).get("periods");
        assertThat(weeks.get(0).get("start").asString()).isEqualTo("2025-05-26"); // the ISO week of Sunday 1 June
        assertThat(weeks.get(0).get("sampleSize").asLong()).isEqualTo(1);
    }

    @Test
    void basicSubscribersDoNotHaveAdvancedAnalytics() {
        var response = api.get("/api/analytics/signals/performance?from=2025-06-01&to=2025-06-30",
                TestJwts.subscriber("basic-user", "basic"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("problems/forbidden");
    }

    @Test
    void theAdvancedAnalyticsFlagSwitchesTheReportOffForATierAndBackOn() {
        String path = "/api/analytics/signals/performance?from=2025-06-01&to=2025-06-30";
        assertThat(api.get(path, pro).statusCode()).isEqualTo(200);
        flag("pro", false, Instant.now());
        var refused = api.get(path, pro);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("problems/feature-disabled");
        assertThat(api.get(path, TestJwts.subscriber("ent-user", "enterprise")).statusCode()).isEqualTo(200);
        assertThat(api.get(path, ops).statusCode()).isEqualTo(200);
        flag("pro", true, Instant.now().minusSeconds(3600)); // older than the switch-off: ignored
        assertThat(api.get(path, pro).statusCode()).isEqualTo(403);
        flag("pro", true, Instant.now().plusSeconds(1));
        assertThat(api.get(path, pro).statusCode()).isEqualTo(200);
    }

    @Test
    void performanceExportsAsCsv() {
        var response = api.get("/api/analytics/signals/performance.csv?from=2025-06-01&to=2025-07-31", pro);
        assertThat(response.statusCode()).isEqualTo(200);
        String[] lines = response.body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).isEqualTo("2025-06-01,live,false,all,all,10,6,3,1,60.00,31.27,83.18,10,70.00,0.9500,4.1667");
    }

    private void flag(String tier, boolean enabled, Instant changedAt) {
        Map<String, Object> data = new HashMap<>();
        data.put("flag", "advanced_analytics");
        data.put("tier", tier);
        data.put("enabled", enabled);
        data.put("changedBy", "ops-1");
        data.put("occurredAt", changedAt.toString());
        events.publish(EventStreams.SUBSCRIPTION, "feature_flag.changed", "advanced_analytics", changedAt, data);
        events.awaitHandled();
    }

    private void resolved(String signalId, String assetClass, String outcome, String returnPct, String resolvedAt,
                          String mode, boolean simulated) {
        Map<String, Object> data = new HashMap<>();
        data.put("signalId", "sp-" + signalId);
        data.put("symbol", "SYM" + signalId);
        data.put("assetClass", assetClass);
        data.put("outcome", outcome);
        data.put("exitPrice", "101.25");
        data.put("returnPct", returnPct);
        data.put("modelVersion", "m-2025.06");
        data.put("resolvedAt", resolvedAt);
        data.put("simulated", simulated);
        data.put("mode", mode);
        events.publish(EventStreams.SIGNAL, "signal.resolved", "sp-" + signalId, Instant.parse(resolvedAt), data);
    }

    private static void assertPeriod(JsonNode period, long n, long target, long stop, long horizon, String accuracy,
                                     String low, String high, String winRate, String averageReturn, String profitFactor) {
        assertThat(period.get("sampleSize").asLong()).isEqualTo(n);
        assertThat(period.get("targetFirst").asLong()).isEqualTo(target);
        assertThat(period.get("stopFirst").asLong()).isEqualTo(stop);
        assertThat(period.get("horizon").asLong()).isEqualTo(horizon);
        assertThat(period.get("accuracyPct").decimalValue()).isEqualByComparingTo(accuracy);
        assertThat(period.get("accuracyLow95Pct").decimalValue()).isEqualByComparingTo(low);
        assertThat(period.get("accuracyHigh95Pct").decimalValue()).isEqualByComparingTo(high);
        assertThat(period.get("winRatePct").decimalValue()).isEqualByComparingTo(winRate);
        assertThat(period.get("averageReturnPct").decimalValue()).isEqualByComparingTo(averageReturn);
        if (profitFactor == null) {
            assertThat(period.get("profitFactor").isNull()).isTrue();
        } else {
            assertThat(period.get("profitFactor").decimalValue()).isEqualByComparingTo(profitFactor);
        }
    }
}
