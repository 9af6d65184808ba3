package com.aifinance.dashboard.signals;

import java.net.http.HttpResponse;

import com.aifinance.dashboard.support.Browser;
import com.aifinance.dashboard.support.FakePlatform;
import com.aifinance.dashboard.support.FakePlatform.Service;
import com.aifinance.dashboard.support.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HubTest
class SignalsPagesTest {

    static final String SIGNAL = """
            {"id":"0b6f8c1e-6a53-4c1e-9d7e-2f1b7a0c9e41","symbol":"%s","assetClass":"stock","direction":"long",
             "entry":"189.52","target":"192.87","stop":"186.17","horizon":"PT10M","confidence":0.61234,
             "modelVersion":"stock-sim-logistic-1","generatedAt":"2026-11-26T07:31:00Z","simulated":%s,"status":"%s",
             "outcome":%s,"exitPrice":%s,"exitAt":null,"returnPct":%s,"resolvedAt":%s}""";

    @LocalServerPort
    int port;

    private final FakePlatform fakes = FakePlatform.get();
    private Browser browser;

    @BeforeEach
    void signIn() {
        fakes.reset();
        browser = new Browser(port).login(Browser.User.subscriber("pro"));
    }

    static String signal(String symbol, boolean simulated) {
        return SIGNAL.formatted(symbol, simulated, "open", "null", "null", "null", "null");
    }

    @Test
    void theSignalListShowsSignalsWithSimulatedInstrumentsMarked() {
        fakes.json(Service.INSTITUTIONAL_API, "GET", "/v1/signals?limit=25", 200,
                "{\"data\":[" + signal("SIM-STK-A", true) + "],\"nextCursor\":null,\"limit\":25}");

        HttpResponse<String> page = browser.get("/signals");
        HttpResponse<String> panel = browser.panel("/signals/panels/list", "/signals");

        assertThat(page.body()).contains("Loading signals").contains("/js/signals.js");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("SIM-STK-A").contains("Simulated").contains("189.52").contains("61.2 %");
        assertThat(fakes.requests(Service.INSTITUTIONAL_API).getFirst().getHeaders().get("Authorization"))
                .startsWith("Bearer ey");
    }

    @Test
    void markupInASignalFieldIsShownAsText() {
        fakes.json(Service.INSTITUTIONAL_API, "GET", "/v1/signals?limit=25", 200,
                "{\"data\":[" + signal("<script>alert(1)</script>", false) + "],\"nextCursor\":null,\"limit\":25}");

        HttpResponse<String> panel = browser.panel("/signals/panels/list", "/signals");

        assertThat(panel.body()).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void anEmptyListSaysSo() {
        fakes.json(Service.INSTITUTIONAL_API, "GET", "/v1/signals?limit=25", 200,
                "{\"data\":[],\"nextCursor\":null,\"limit\":25}");

        assertThat(browser.panel("/signals/panels/list", "/signals").body()).contains("No signals yet for your plan");
    }

    @Test
    void aSignalsServiceThatIsDownGetsAClearMessageInItsPanel() {
        fakes.down(Service.INSTITUTIONAL_API, "GET", "/v1/signals*");

        HttpResponse<String> panel = browser.panel("/signals/panels/list", "/signals");

        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("The signals service is not answering").contains("Try again");
    }

    @Test
    void aSlowSignalsServiceIsCutOffAfterThePanelTimeout() {
        fakes.slow(Service.INSTITUTIONAL_API, "GET", "/v1/signals*", 3_000);

        HttpResponse<String> panel = browser.panel("/signals/panels/list", "/signals");

        assertThat(panel.body()).contains("The signals service is not answering");
    }

    @Test
    void aRefusalOfThePlanIsExplained() {
        fakes.on(Service.INSTITUTIONAL_API, "GET", "/v1/signals*", request -> FakePlatform.problem(403,
                "plan-required", "Signals come with a Basic, Pro or Enterprise plan."));

        assertThat(browser.panel("/signals/panels/list", "/signals").body())
                .contains("Signals come with a Basic, Pro or Enterprise plan.");
    }

    @Test
    void anUnknownAssetClassFilterIsReportedNextToTheField() {
        HttpResponse<String> page = browser.get("/signals?assetClass=bonds");

        assertThat(page.body()).contains("Choose stock, crypto or forex.").contains("aria-invalid=\"true\"");
    }

    @Test
    void theDetailShowsTheOutcomeAndThePriceChart() {
        String id = "0b6f8c1e-6a53-4c1e-9d7e-2f1b7a0c9e41";
        fakes.json(Service.INSTITUTIONAL_API, "GET", "/v1/signals/" + id, 200, SIGNAL.formatted("SIM-STK-A", true,
                "resolved", "\"target_first\"", "\"192.90\"", "\"1.78\"", "\"2026-11-26T07:38:00Z\""));
        fakes.json(Service.INSTITUTIONAL_API, "GET", "/v1/market-data/SIM-STK-A/bars*", 200, """
                {"symbol":"SIM-STK-A","assetClass":"stock","interval":"1m","simulated":true,
                 "bars":[{"time":"2026-11-26T07:30:00Z","open":"189","high":"190","low":"188.5","close":"189.52","volume":"10","source":"simulated"},
                         {"time":"2026-11-26T07:31:00Z","open":"189.52","high":"193","low":"189.4","close":"192.9","volume":"12","source":"simulated"}]}""");

        HttpResponse<String> panel = browser.panel("/signals/" + id + "/panels/detail", "/signals/" + id);

        assertThat(panel.body()).contains("Target reached first").contains("192.90").contains("1.78 %")
                .contains("data-chart=").contains("&quot;close&quot;").contains("simulated market");
        assertThat(fakes.requests(Service.INSTITUTIONAL_API, "GET", "/v1/market-data/SIM-STK-A/bars").getFirst()
                .getTarget()).contains("from=2026-11-26T07%3A01%3A00Z").contains("to=");
    }

    @Test
    void aChartThatCannotBeLoadedLeavesTheSignalDetailsVisible() {
        String id = "0b6f8c1e-6a53-4c1e-9d7e-2f1b7a0c9e41";
        fakes.json(Service.INSTITUTIONAL_API, "GET", "/v1/signals/" + id, 200, signal("AAPL", false));
        fakes.down(Service.INSTITUTIONAL_API, "GET", "/v1/market-data/AAPL/bars*");

        HttpResponse<String> panel = browser.panel("/signals/" + id + "/panels/detail", "/signals/" + id);

        assertThat(panel.body()).contains("AAPL long").contains("186.17").contains("not answering")
                .doesNotContain("data-chart=");
    }

    @Test
    void anUnknownSignalIsNotFound() {
        String id = "00000000-0000-0000-0000-000000000000";
        fakes.on(Service.INSTITUTIONAL_API, "GET", "/v1/signals/" + id,
                request -> FakePlatform.problem(404, "not-found", "Signal " + id + " was not found."));

        assertThat(browser.panel("/signals/" + id + "/panels/detail", "/signals/" + id).body())
                .contains("Signal " + id + " was not found.");
        assertThat(browser.get("/signals/not-a-signal").statusCode()).isEqualTo(404);
    }

    @Test
    void accuracyShowsLiveAndBacktestApartWithSampleSizesAndIntervals() {
        fakes.json(Service.INSTITUTIONAL_API, "GET", "/v1/accuracy", 200, """
                {"live":[{"assetClass":"stock","modelVersion":"stock-sim-1","simulated":true,"sampleSize":20,
                  "targetFirst":14,"stopFirst":5,"horizon":1,"accuracy":0.7,
                  "accuracyInterval":{"low":0.481,"high":0.8545,"confidenceLevel":0.95},"winRate":0.65,
                  "profitFactor":1.8,"expectancyPct":0.2,"maxDrawdownPct":3.1}],
                 "backtest":[{"assetClass":"stock","modelVersion":"stock-real-1","simulated":false,"sampleSize":100,
                  "targetFirst":42,"stopFirst":50,"horizon":8,"accuracy":0.42,
                  "accuracyInterval":{"low":0.328,"high":0.518,"confidenceLevel":0.95},"winRate":0.45,
                  "profitFactor":0.9,"expectancyPct":-0.1,"maxDrawdownPct":12.5}]}""");

        String panel = browser.panel("/accuracy/panels/model", "/accuracy").body();

        assertThat(panel).contains("Live signals").contains("Walk-forward backtest").contains(">20<")
                .contains("70.0 %").contains("48.1 % – 85.5 %").contains(">100<").contains("42.0 %")
                .contains("Real market").contains("Simulated");
    }

    @Test
    void accuracyWithoutAnyResolvedSignalIsEmptyNotZero() {
        fakes.json(Service.INSTITUTIONAL_API, "GET", "/v1/accuracy", 200, "{\"live\":[],\"backtest\":[]}");

        assertThat(browser.panel("/accuracy/panels/model", "/accuracy").body())
                .contains("No signal has been resolved yet").doesNotContain("0.0 %");
    }

    @Test
    void basicSubscribersAreToldAdvancedAnalyticsComeWithPro() {
        Browser basic = new Browser(port).login(Browser.User.subscriber("basic"));

        assertThat(basic.panel("/accuracy/panels/performance", "/accuracy").body())
                .contains("included in Pro and Enterprise");
        assertThat(fakes.requests(Service.ANALYTICS)).isEmpty();
    }

    @Test
    void proSubscribersSeeWeeklyPerformanceFromAnalytics() {
        fakes.json(Service.ANALYTICS, "GET", "/api/analytics/signals/performance*", 200, """
                {"from":"2026-08-28","to":"2026-11-26","granularity":"week","mode":"live","simulated":true,
                 "periods":[{"start":"2026-11-16","sampleSize":12,"targetFirst":6,"stopFirst":5,"horizon":1,
                   "accuracyPct":50.0,"accuracyLow95Pct":25.4,"accuracyHigh95Pct":74.6,"withReturn":12,
                   "winRatePct":50.0,"averageReturnPct":0.1,"profitFactor":1.1}],
                 "total":{"start":"2026-08-28","sampleSize":12,"targetFirst":6,"stopFirst":5,"horizon":1,
                   "accuracyPct":50.0,"accuracyLow95Pct":25.4,"accuracyHigh95Pct":74.6,"withReturn":12,
                   "winRatePct":50.0,"averageReturnPct":0.1,"profitFactor":1.1}}""");

        String panel = browser.panel("/accuracy/panels/performance", "/accuracy").body();

        assertThat(panel).contains("2026-11-16").contains("25.4 % – 74.6 %").contains("data-chart=");
        assertThat(fakes.requests(Service.ANALYTICS).getFirst().getTarget())
                .contains("granularity=week").contains("mode=live");
    }
}
