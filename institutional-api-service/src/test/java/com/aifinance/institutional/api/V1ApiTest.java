package com.aifinance.institutional.api;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.institutional.accuracy.WilsonInterval;
import com.aifinance.institutional.features.FeatureVector;
import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.marketdata.MarketFeeds;
import com.aifinance.institutional.model.Classifier;
import com.aifinance.institutional.model.ModelFamily;
import com.aifinance.institutional.model.ModelProperties;
import com.aifinance.institutional.model.ModelRegistry;
import com.aifinance.institutional.model.Sample;
import com.aifinance.institutional.model.WalkForward;
import com.aifinance.institutional.trading.Outcome;
import com.aifinance.institutional.trading.TripleBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The /v1 API over real HTTP with platform tokens: entitlements, bad input, pagination, quotas, accuracy, docs. */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1ApiTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PROBLEMS = "tag:aifinance.agency,2026:problems/";

    @LocalServerPort
    int port;
    @Autowired
    MarketFeeds feeds;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    ModelRegistry registry;
    @Autowired
    ModelProperties modelProperties;
    @Autowired
    ClientQuotas quotas;

    private final String basic = TestJwts.subscriber("basic-user", "basic");
    private final String pro = TestJwts.subscriber("pro-user", "pro");

    @BeforeEach
    void bundledHistoryIsLoaded() {
        feeds.loadBundledHistory();
    }

    @Test
    void aBasicSubscriberSeesStockInstrumentsOnly() throws Exception {
        JsonNode instruments = ok(get("/v1/instruments", basic)).path("data");
        assertThat(instruments.size()).isPositive();
        instruments.forEach(i -> assertThat(i.path("assetClass").asString()).isEqualTo("stock"));
        assertThat(instruments.toString()).contains("\"AAPL\"");
        HttpResponse<String> crypto = get("/v1/instruments?assetClass=crypto", basic);
        assertProblem(crypto, 403, "not-entitled");
    }

    @Test
    void withoutAPlanThereIsNoAccess() throws Exception {
        assertProblem(get("/v1/signals", TestJwts.subscriber("free-user", "none")), 403, "plan-required");
        assertThat(get("/v1/signals", null).statusCode()).isEqualTo(401);
    }

    @Test
    void barsComeWithTheirSourceAndBadRangesAreRefused() throws Exception {
        JsonNode bars = ok(get("/v1/market-data/AAPL/bars?from=2013-01-01T00:00:00Z&to=2013-01-05T00:00:00Z", pro));
        assertThat(bars.path("bars").size()).isEqualTo(3);
        assertThat(bars.path("bars").get(0).path("open").asString()).isEqualTo("553.82");
        assertThat(bars.path("bars").get(0).path("source").asString()).startsWith("ta4j-examples:");
        assertThat(bars.path("simulated").asBoolean()).isFalse();

        assertProblem(get("/v1/market-data/NOPE/bars?from=2013-01-01T00:00:00Z&to=2013-01-05T00:00:00Z", pro), 404,
                "not-found");
        assertProblem(get("/v1/market-data/AAPL/bars?from=2013-02-01T00:00:00Z&to=2013-01-05T00:00:00Z", pro), 400,
                "validation");
        assertProblem(get("/v1/market-data/AAPL/bars?from=2013-02-01T00:00:00Z", pro), 400, "validation");
        assertProblem(get("/v1/market-data/AAPL/bars?from=2000-01-01T00:00:00Z&to=2030-01-01T00:00:00Z", pro), 400,
                "validation");
        assertProblem(get("/v1/market-data/AAPL/bars?from=yesterday&to=2013-01-05T00:00:00Z", pro), 400, "validation");
        assertProblem(get("/v1/market-data/BTC-USD/bars?from=2013-11-25T00:00:00Z&to=2013-11-26T00:00:00Z", basic),
                403, "not-entitled");
    }

    @Test
    void signalsPageNewestFirstWithACursorAndNoRowTwice() throws Exception {
        String version = deployModel(new ModelFamily(AssetClass.STOCK, false));
        Instant base = Instant.parse("2020-03-02T10:00:00Z");
        List<UUID> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inserted.add(insertSignal("AAPL", "stock", "long", base.plusSeconds(60L * i), version, true));
        }
        String filter = "assetClass=stock&from=" + base + "&to=" + base.plus(Duration.ofHours(1)) + "&limit=2";
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(get("/v1/signals?" + filter + (cursor == null ? "" : "&cursor=" + cursor), pro));
            page.path("data").forEach(signal -> seen.add(signal.path("id").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(inserted.reversed().stream().map(UUID::toString).toList());
    }

    @Test
    void pageSizesBeyondTheLimitAndMalformedFiltersAreRefused() throws Exception {
        assertProblem(get("/v1/signals?limit=201", pro), 400, "validation");
        assertProblem(get("/v1/signals?limit=0", pro), 400, "validation");
        assertProblem(get("/v1/signals?cursor=not-a-cursor", pro), 400, "validation");
        assertProblem(get("/v1/signals?status=maybe", pro), 400, "validation");
        assertProblem(get("/v1/signals?assetClass=bonds", pro), 400, "validation");
        assertProblem(get("/v1/signals?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", pro), 400, "validation");
        assertThat(ok(get("/v1/signals?limit=200", pro)).path("limit").asInt()).isEqualTo(200);
    }

    @Test
    void basicSubscribersSeeStockSignalsOnlyOnceTheDelayHasPassed() throws Exception {
        String stockVersion = deployModel(new ModelFamily(AssetClass.STOCK, false));
        String cryptoVersion = deployModel(new ModelFamily(AssetClass.CRYPTO, false));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID fresh = insertSignal("AAPL", "stock", "short", now, stockVersion, false);
        UUID old = insertSignal("AAPL", "stock", "long", now.minus(Duration.ofHours(2)), stockVersion, true);
        UUID crypto = insertSignal("BTC-USD", "crypto", "long", now.minus(Duration.ofHours(2)), cryptoVersion, true);

        assertProblem(get("/v1/signals/" + fresh, basic), 404, "not-found");
        assertThat(ok(get("/v1/signals/" + fresh, pro)).path("id").asString()).isEqualTo(fresh.toString());
        assertThat(ok(get("/v1/signals/" + old, basic)).path("assetClass").asString()).isEqualTo("stock");
        assertProblem(get("/v1/signals/" + crypto, basic), 403, "not-entitled");
        String recent = "/v1/signals?from=" + now.minus(Duration.ofHours(3)) + "&limit=200";
        assertThat(ids(ok(get(recent, basic)))).contains(old.toString()).doesNotContain(fresh.toString(), crypto.toString());
        assertThat(ids(ok(get(recent, pro)))).contains(old.toString(), fresh.toString(), crypto.toString());
    }

    @Test
    void anInstitutionalClientNeedsTheEndpointsScopeAndIsHeldToItsHourlyQuota() throws Exception {
        String client = "client-" + UUID.randomUUID();
        EnterpriseEvents.apply(event("api_client.created", Map.of("organisationId", "org-q", "clientId", client,
                "scopes", List.of("signals:read"), "quotaPerHour", 2)), quotas);
        String token = TestJwts.token().subject(client).tier("institutional").roles("institutional_client")
                .organisation("org-q").scope("signals:read").sign();

        assertProblem(get("/v1/instruments", token), 403, "forbidden");
        HttpResponse<String> second = get("/v1/signals?limit=1", token);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Quota-Hour-Limit")).hasValue("2");
        assertThat(second.headers().firstValue("X-Quota-Hour-Remaining")).hasValue("0");
        HttpResponse<String> third = get("/v1/signals?limit=1", token);
        assertProblem(third, 429, "quota-exceeded");
        assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
    }

    @Test
    void aRevokedClientAndAnExpiredContractAreRefused() throws Exception {
        String revoked = "client-" + UUID.randomUUID();
        EnterpriseEvents.apply(event("api_client.created", Map.of("organisationId", "org-r", "clientId", revoked,
                "scopes", "signals:read", "quotaPerHour", 100)), quotas);
        EnterpriseEvents.apply(event("api_client.revoked", Map.of("organisationId", "org-r", "clientId", revoked)), quotas);
        assertProblem(get("/v1/signals", institutional(revoked, "org-r")), 403, "contract-inactive");

        String expiredOrg = "org-" + UUID.randomUUID();
        EnterpriseEvents.apply(event("contract.expired", Map.of("contractId", "c-" + expiredOrg, "organisationId",
                expiredOrg, "annualValueMinor", 2_000_000, "currency", "USD", "startDate", "2025-01-01",
                "endDate", "2025-12-31", "requestQuotaPerMonth", 100_000)), quotas);
        assertProblem(get("/v1/signals", institutional("client-" + UUID.randomUUID(), expiredOrg)), 403,
                "contract-inactive");
        String activeOrg = "org-" + UUID.randomUUID();
        EnterpriseEvents.apply(event("contract.signed", Map.of("contractId", "c-" + activeOrg, "organisationId",
                activeOrg, "annualValueMinor", 2_000_000, "currency", "USD", "startDate", "2026-01-01",
                "endDate", "2099-12-31", "requestQuotaPerMonth", 100_000)), quotas);
        HttpResponse<String> allowed = get("/v1/signals", institutional("client-" + UUID.randomUUID(), activeOrg));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("X-Quota-Month-Limit")).hasValue("100000");
    }

    @Test
    void accuracyComesWithItsSampleSizeAndIntervalAndLiveAndBacktestAreNeverMixed() throws Exception {
        String version = deployModel(new ModelFamily(AssetClass.STOCK, false));
        Instant base = Instant.parse("2021-06-01T10:00:00Z");
        resolve(insertSignal("AAPL", "stock", "long", base, version, true), "target_first", "2", base);
        resolve(insertSignal("AAPL", "stock", "long", base.plusSeconds(60), version, true), "target_first", "1.5",
                base.plusSeconds(60));
        resolve(insertSignal("AAPL", "stock", "long", base.plusSeconds(120), version, true), "stop_first", "-1",
                base.plusSeconds(120));
        jdbc.sql("""
                insert into backtest_trades (version, fold, symbol, asset_class, simulated, direction, confidence, entry_at,
                    entry, target, stop, exit_at, exit_price, outcome, return_pct)
                values (?, 0, 'AAPL', 'stock', false, 'long', 0.6, ?, 100, 101, 99, ?, 99, 'stop_first', -1)
                """).params(version, Timestamp.from(base), Timestamp.from(base.plusSeconds(600))).update();

        JsonNode live = ok(get("/v1/accuracy?mode=live&modelVersion=" + version, pro));
        assertThat(live.path("backtest").isNull()).isTrue();
        JsonNode group = live.path("live").get(0);
        assertThat(live.path("live").size()).isEqualTo(1);
        assertThat(group.path("sampleSize").asInt()).isEqualTo(3);
        assertThat(group.path("targetFirst").asInt()).isEqualTo(2);
        assertThat(group.path("accuracy").asDouble()).isEqualTo(2.0 / 3);
        WilsonInterval interval = WilsonInterval.of(2, 3);
        assertThat(group.path("accuracyInterval").path("low").asDouble()).isEqualTo(interval.low());
        assertThat(group.path("accuracyInterval").path("high").asDouble()).isEqualTo(interval.high());
        assertThat(group.path("simulated").asBoolean()).isFalse();

        JsonNode both = ok(get("/v1/accuracy?modelVersion=" + version, pro));
        assertThat(both.path("live").get(0).path("sampleSize").asInt()).isEqualTo(3);
        assertThat(both.path("backtest").get(0).path("sampleSize").asInt()).isEqualTo(1);
        assertThat(both.path("backtest").get(0).path("accuracy").asDouble()).isZero();

        JsonNode none = ok(get("/v1/accuracy?mode=live&modelVersion=no-such-version", pro));
        assertThat(none.path("live").size()).isZero();
        assertProblem(get("/v1/accuracy?mode=sometimes", pro), 400, "validation");
    }

    @Test
    void theOpenApiDocumentDescribesTheV1ApiWithExamples() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/v1/instruments", "/v1/market-data/{symbol}/bars", "/v1/signals",
                "/v1/signals/{id}", "/v1/accuracy", "/v1/webhooks", "\"bearer\"", "confidenceLevel");
        assertThat(docs.body()).contains("\"example\":{\"data\":[{\"id\"", "\"example\":{\"live\":[");
    }

    private String institutional(String client, String organisation) {
        return TestJwts.token().subject(client).tier("institutional").roles("institutional_client")
                .organisation(organisation).scope("signals:read market-data:read accuracy:read").sign();
    }

    private String deployModel(ModelFamily family) {
        List<Sample> samples = new ArrayList<>();
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 30; i++) {
            double[] features = new double[FeatureVector.NAMES.size()];
            features[0] = i % 5;
            Instant t = start.plusSeconds(86_400L * i);
            var resolution = new TripleBarrier.Resolution(Outcome.HORIZON, t, BigDecimal.ONE, BigDecimal.ZERO, 1);
            samples.add(new Sample("AAPL", t, features, i % 2 == 0 ? Sample.UP : Sample.FLAT, null, resolution, null,
                    resolution, t));
        }
        return registry.save(new WalkForward.Result(family, List.of(), List.of(),
                Classifier.train(samples, modelProperties), start, start.plus(Duration.ofDays(29)), 30, 1), modelProperties);
    }

    private UUID insertSignal(String symbol, String assetClass, String direction, Instant generatedAt, String version,
                              boolean resolved) {
        UUID id = UUID.randomUUID();
        boolean isLong = direction.equals("long");
        jdbc.sql("""
                        insert into signals (id, symbol, asset_class, direction, entry, target, stop, horizon, horizon_bars,
                            bar_interval, basis_bar_at, expires_at, confidence, model_version, generated_at, simulated,
                            status, outcome, exit_price, exit_at, return_pct, resolved_at)
                        values (?, ?, ?, ?, 100, ?, ?, 'PT240H', 10, '1d', ?, ?, 0.6, ?, ?, false, ?, ?, ?, ?, ?, ?)
                        """)
                .params(id, symbol, assetClass, direction, isLong ? 102 : 98, isLong ? 99 : 101,
                        Timestamp.from(generatedAt.minusSeconds(1 + (id.hashCode() & 0xFFFFF))),
                        Timestamp.from(generatedAt.plus(Duration.ofDays(11))), version, Timestamp.from(generatedAt),
                        resolved ? "resolved" : "open", resolved ? "horizon" : null, resolved ? 100 : null,
                        resolved ? Timestamp.from(generatedAt.plus(Duration.ofDays(10))) : null, resolved ? 0 : null,
                        resolved ? Timestamp.from(generatedAt.plus(Duration.ofDays(10))) : null)
                .update();
        return id;
    }

    private void resolve(UUID id, String outcome, String returnPct, Instant at) {
        jdbc.sql("update signals set outcome = ?, return_pct = ?, resolved_at = ? where id = ?")
                .params(outcome, new BigDecimal(returnPct), Timestamp.from(at.plus(Duration.ofDays(1))), id).update();
    }

    private EventEnvelope event(String type, Map<String, Object> data) {
        return new EventEnvelope("1.0", UUID.randomUUID().toString(), "/enterprise-service", type, null, Instant.now(),
                "application/json", json.valueToTree(data), null);
    }

    private List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(signal -> ids.add(signal.path("id").asString()));
        return ids;
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("type").asString()).isEqualTo(PROBLEMS + type);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path.replace("+", URLEncoder.encode("+", StandardCharsets.UTF_8)))).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
