package com.aifinance.institutional.marketdata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each vendor client against a local fake speaking the vendor's real JSON, including its errors and rate limits. */
class MarketDataVendorsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-10T12:00:00Z"), ZoneOffset.UTC);
    static final Instrument AAPL = new Instrument("AAPL", AssetClass.STOCK, "Apple Inc.", "USD", false, "provider",
            BarInterval.ONE_DAY, TradingCalendar.WEEKDAYS, Map.of(), 2, true);
    static final Instrument EURUSD = new Instrument("EURUSD", AssetClass.FOREX, "Euro / US dollar", "USD", false,
            "provider", BarInterval.ONE_DAY, TradingCalendar.WEEKDAYS, Map.of("yahoo_finance", "EURUSD=X"), 5, true);
    static final Instrument BTC = new Instrument("BTC-USD", AssetClass.CRYPTO, "Bitcoin", "USD", false, "provider",
            BarInterval.THIRTY_MINUTES, TradingCalendar.ALWAYS, Map.of("coingecko", "bitcoin"), 2, true);

    static final String ALPHA_VANTAGE_DAILY = """
            {
                "Meta Data": {"1. Information": "Daily Prices (open, high, low, close) and Volumes", "2. Symbol": "AAPL",
                    "3. Last Refreshed": "2026-01-09", "4. Output Size": "Compact", "5. Time Zone": "US/Eastern"},
                "Time Series (Daily)": {
                    "2026-01-09": {"1. open": "259.0800", "2. high": "260.2100", "3. low": "256.2200", "4. close": "259.3700", "5. volume": "39996967"},
                    "2026-01-08": {"1. open": "257.0200", "2. high": "259.2900", "3. low": "255.7000", "4. close": "259.0400", "5. volume": "50419337"}
                }
            }""";
    static final String ALPHA_VANTAGE_NOTE = """
            {"Note": "Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day. Please visit https://www.alphavantage.co/premium/ if you would like to target a higher API call frequency."}""";
    static final String ALPHA_VANTAGE_INFORMATION = """
            {"Information": "Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits."}""";
    static final String ALPHA_VANTAGE_ERROR = """
            {"Error Message": "Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for TIME_SERIES_DAILY."}""";
    static final String YAHOO_CHART = """
            {"chart": {"result": [{"meta": {"currency": "USD", "symbol": "AAPL", "exchangeName": "NMS", "instrumentType": "EQUITY",
                "regularMarketPrice": 259.37, "dataGranularity": "1d", "range": ""},
              "timestamp": [1767796200, 1767882600, 1767969000],
              "indicators": {"quote": [{"open": [257.0199890136719, null, 259.0799865722656],
                                        "high": [259.2900085449219, null, 260.2099914550781],
                                        "low": [255.6999969482422, null, 256.2200012207031],
                                        "close": [259.0400085449219, null, 259.3699951171875],
                                        "volume": [50419337, null, 39996967]}],
                             "adjclose": [{"adjclose": [259.0400085449219, null, 259.3699951171875]}]}}],
              "error": null}}""";
    static final String YAHOO_NOT_FOUND = """
            {"chart": {"result": null, "error": {"code": "Not Found", "description": "No data found, symbol may be delisted"}}}""";
    static final String COINGECKO_OHLC = """
            [[1768039200000, 90512.11, 90620.5, 90401.02, 90588.9],
             [1768041000000, 90588.9, 90711.0, 90550.3, 90650.75]]""";
    static final String COINGECKO_RATE_LIMIT = """
            {"status": {"error_code": 429, "error_message": "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits."}}""";
    static final String FRED_OBSERVATIONS = """
            {"realtime_start": "2026-01-10", "realtime_end": "2026-01-10", "observation_start": "2026-01-01",
             "observation_end": "9999-12-31", "units": "lin", "output_type": 1, "file_type": "json",
             "order_by": "observation_date", "sort_order": "asc", "count": 3, "offset": 0, "limit": 100000,
             "observations": [
               {"realtime_start": "2026-01-10", "realtime_end": "2026-01-10", "date": "2026-01-01", "value": "."},
               {"realtime_start": "2026-01-10", "realtime_end": "2026-01-10", "date": "2026-01-02", "value": "4.19"},
               {"realtime_start": "2026-01-10", "realtime_end": "2026-01-10", "date": "2026-01-05", "value": "4.17"}]}""";
    static final String FRED_BAD_KEY = """
            {"error_code": 400, "error_message": "Bad Request.  The value for variable api_key is not registered.  Read https:\\/\\/fred.stlouisfed.org\\/docs\\/api\\/api_key.html for more information."}""";

    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void alphaVantageDailyBarsAreReadExactly() throws Exception {
        server.enqueue(json(200, ALPHA_VANTAGE_DAILY));
        List<Bar> bars = alphaVantage().fetchBars(AAPL, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(bars).hasSize(2);
        Bar latest = bars.stream().filter(b -> b.time().equals(Instant.parse("2026-01-09T00:00:00Z"))).findFirst()
                .orElseThrow();
        assertThat(latest.open()).isEqualByComparingTo("259.08");
        assertThat(latest.close()).isEqualByComparingTo("259.37");
        assertThat(latest.volume()).isEqualByComparingTo("39996967");
        assertThat(latest.source()).isEqualTo("alpha_vantage");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().queryParameter("function")).isEqualTo("TIME_SERIES_DAILY");
        assertThat(request.getUrl().queryParameter("symbol")).isEqualTo("AAPL");
        assertThat(request.getUrl().queryParameter("apikey")).isEqualTo("av-key");
    }

    @Test
    void alphaVantageForexAsksForTheCurrencyPair() throws Exception {
        server.enqueue(json(200, """
                {"Meta Data": {"1. Information": "Forex Daily Prices (open, high, low, close)", "2. From Symbol": "EUR",
                  "3. To Symbol": "USD"},
                 "Time Series FX (Daily)": {"2026-01-09": {"1. open": "1.16500", "2. high": "1.16710", "3. low": "1.16220", "4. close": "1.16380"}}}"""));
        List<Bar> bars = alphaVantage().fetchBars(EURUSD, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.close()).isEqualByComparingTo("1.1638");
            assertThat(bar.volume()).isNull();
        });
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().queryParameter("function")).isEqualTo("FX_DAILY");
        assertThat(request.getUrl().queryParameter("from_symbol")).isEqualTo("EUR");
        assertThat(request.getUrl().queryParameter("to_symbol")).isEqualTo("USD");
    }

    @Test
    void alphaVantagesNoteAndInformationBodiesWithStatus200AreItsRateLimit() {
        server.enqueue(json(200, ALPHA_VANTAGE_NOTE));
        server.enqueue(json(200, ALPHA_VANTAGE_INFORMATION));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> alphaVantage().fetchBars(AAPL, Instant.parse("2026-01-01T00:00:00Z")))
                    .isInstanceOfSatisfying(ProviderException.class,
                            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED));
        }
    }

    @Test
    void alphaVantagesErrorMessageIsARefusalNotWorthRetrying() {
        server.enqueue(json(200, ALPHA_VANTAGE_ERROR));
        assertThatThrownBy(() -> alphaVantage().fetchBars(AAPL, Instant.parse("2026-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED));
    }

    @Test
    void aGarbageBodyIsMalformedNeverBars() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html><body>Service temporarily overloaded</body></html>").build());
        server.enqueue(json(200, "{\"Time Series (Daily)\": [1, 2, 3]}"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> alphaVantage().fetchBars(AAPL, Instant.parse("2026-01-01T00:00:00Z")))
                    .isInstanceOfSatisfying(ProviderException.class,
                            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.MALFORMED));
        }
    }

    @Test
    void yahooNullsBecomeRejectedBarsNotZeros() {
        server.enqueue(json(200, YAHOO_CHART));
        List<Bar> raw = yahoo().fetchBars(AAPL, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(raw).hasSize(3);
        BarQuality.Cleaned cleaned = BarQuality.clean(raw);
        assertThat(cleaned.bars()).hasSize(2);
        assertThat(cleaned.rejections()).extracting(BarQuality.Rejection::reason).containsExactly("missing field");
        assertThat(cleaned.bars().getFirst().time()).isEqualTo(Instant.parse("2026-01-07T00:00:00Z"));
    }

    @Test
    void yahooUsesItsOwnSymbolForForexAndReportsUnknownSymbols() throws Exception {
        server.enqueue(json(404, YAHOO_NOT_FOUND));
        assertThatThrownBy(() -> yahoo().fetchBars(EURUSD, Instant.parse("2026-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED));
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v8/finance/chart/EURUSD%3DX");
    }

    @Test
    void yahoos429IsItsRateLimit() {
        server.enqueue(new MockResponse.Builder().code(429).body("Too Many Requests\r\n").build());
        assertThatThrownBy(() -> yahoo().fetchBars(AAPL, Instant.parse("2026-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED));
    }

    @Test
    void coinGeckoCandlesAreStampedWithTheirCloseTimeAndCarryTheDemoKey() throws Exception {
        server.enqueue(json(200, COINGECKO_OHLC));
        List<Bar> bars = coinGecko().fetchBars(BTC, Instant.parse("2026-01-10T00:00:00Z"));
        assertThat(bars).hasSize(2);
        assertThat(bars.getFirst().time()).isEqualTo(Instant.parse("2026-01-10T09:30:00Z"));
        assertThat(bars.getFirst().open()).isEqualByComparingTo("90512.11");
        assertThat(bars.getFirst().volume()).isNull();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v3/coins/bitcoin/ohlc");
        assertThat(request.getUrl().queryParameter("vs_currency")).isEqualTo("usd");
        assertThat(request.getHeaders().get("x-cg-demo-api-key")).isEqualTo("cg-key");
    }

    @Test
    void coinGecko429IsItsRateLimit() {
        server.enqueue(json(429, COINGECKO_RATE_LIMIT));
        assertThatThrownBy(() -> coinGecko().fetchBars(BTC, Instant.parse("2026-01-10T00:00:00Z")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED));
    }

    @Test
    void fredSkipsMissingObservationsAndReportsABadKey() {
        server.enqueue(json(200, FRED_OBSERVATIONS));
        server.enqueue(json(400, FRED_BAD_KEY));
        FredClient fred = new FredClient(settings("fred-key"));
        assertThat(fred.observations("DGS10", LocalDate.parse("2026-01-01")))
                .extracting(FredClient.Observation::date)
                .containsExactly(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-05"));
        assertThatThrownBy(() -> fred.observations("DGS10", LocalDate.parse("2026-01-01")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED));
    }

    @Test
    void aVendorThatDoesNotAnswerInTimeIsUnavailable() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(5, java.util.concurrent.TimeUnit.SECONDS)
                .body(ALPHA_VANTAGE_DAILY).build());
        AlphaVantageClient slow = new AlphaVantageClient(new ProviderSettings(base(), "av-key", null, 5,
                Duration.ofMillis(500)), CLOCK);
        assertThatThrownBy(() -> slow.fetchBars(AAPL, Instant.parse("2026-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));
    }

    @Test
    void vendorsWithoutAKeyAreNotCalled() {
        assertThat(new ProviderSettings(base(), null, null, 5, null).active()).isFalse();
        assertThat(new ProviderSettings(base(), " ", null, 5, null).active()).isFalse();
        assertThat(new ProviderSettings(base(), "key", null, 5, null).active()).isTrue();
        assertThat(new ProviderSettings(base(), null, true, 5, null).active()).isTrue();
    }

    private AlphaVantageClient alphaVantage() {
        return new AlphaVantageClient(settings("av-key"), CLOCK);
    }

    private YahooFinanceClient yahoo() {
        return new YahooFinanceClient(new ProviderSettings(base(), null, true, 30, Duration.ofSeconds(5)), CLOCK);
    }

    private CoinGeckoClient coinGecko() {
        return new CoinGeckoClient(settings("cg-key"), "x-cg-demo-api-key", CLOCK);
    }

    private ProviderSettings settings(String key) {
        return new ProviderSettings(base(), key, null, 30, Duration.ofSeconds(5));
    }

    private String base() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
