package com.aifinance.institutional.marketdata;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.aifinance.common.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The vendor chain against fake vendors, with the real Redis cache and the real bar store. */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MarketDataFallbackTest {

    private static final Instrument FALLBACK = new Instrument("TEST-FALLBACK", AssetClass.STOCK, "Fallback test stock",
            "USD", false, "provider", BarInterval.ONE_DAY, TradingCalendar.WEEKDAYS, Map.of(), 2, false);

    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MarketFeeds feeds;
    @Autowired
    BarStore bars;
    @Autowired
    InstrumentCatalog catalog;
    @Autowired
    JdbcClient jdbc;

    private MockWebServer alphaVantage;
    private MockWebServer yahoo;
    private final AtomicInteger alphaVantageCalls = new AtomicInteger();
    private final AtomicInteger yahooCalls = new AtomicInteger();

    @BeforeEach
    void startVendors() throws Exception {
        alphaVantage = new MockWebServer();
        yahoo = new MockWebServer();
        alphaVantage.start(0);
        yahoo.start(0);
        yahoo.setDispatcher(answering(yahooCalls, MarketDataVendorsTest.json(200, MarketDataVendorsTest.YAHOO_CHART)));
    }

    @AfterEach
    void stopVendors() {
        alphaVantage.close();
        yahoo.close();
    }

    @Test
    void aRateLimitedPrimaryFallsBackToTheBackupWhoseAnswerIsThenServedFromRedis() {
        alphaVantage.setDispatcher(answering(alphaVantageCalls,
                MarketDataVendorsTest.json(200, MarketDataVendorsTest.ALPHA_VANTAGE_NOTE)));
        MarketDataSource source = source();
        Instant since = Instant.parse("2026-01-06T00:00:00Z");

        MarketDataSource.Fetched first = source.fetch(FALLBACK, since);
        assertThat(first.provider()).isEqualTo("yahoo_finance");
        assertThat(first.fromCache()).isFalse();
        assertThat(first.failures()).containsExactly("alpha_vantage: rate_limited");
        assertThat(first.bars()).hasSize(3);

        MarketDataSource.Fetched second = source.fetch(FALLBACK, since);
        assertThat(second.provider()).isEqualTo("yahoo_finance");
        assertThat(second.fromCache()).isTrue();
        assertThat(second.bars()).extracting(Bar::time).isEqualTo(first.bars().stream().map(Bar::time).toList());
        assertThat(second.bars().getLast().close()).isEqualByComparingTo(first.bars().getLast().close());
        assertThat(yahooCalls).hasValue(1);
        assertThat(redis.hasKey(ProviderResponseCache.key("yahoo_finance", FALLBACK, since))).isTrue();
    }

    @Test
    void aPrimaryThatKeepsFailingIsRetriedThenSkippedByItsCircuitBreaker() {
        alphaVantage.setDispatcher(answering(alphaVantageCalls,
                new MockResponse.Builder().code(503).body("Service Unavailable").build()));
        MarketDataSource source = source();
        for (int day = 0; day < 2; day++) {
            MarketDataSource.Fetched fetched = source.fetch(FALLBACK, Instant.parse("2025-12-01T00:00:00Z")
                    .plus(Duration.ofDays(day)));
            assertThat(fetched.provider()).isEqualTo("yahoo_finance");
        }
        int callsWhileClosed = alphaVantageCalls.get();
        // two attempts (one retry) per fetch; four failed calls of four open the breaker
        assertThat(callsWhileClosed).isEqualTo(2 * 2);
        MarketDataSource.Fetched afterwards = source.fetch(FALLBACK, Instant.parse("2025-12-20T00:00:00Z"));
        assertThat(afterwards.provider()).isEqualTo("yahoo_finance");
        assertThat(afterwards.failures()).containsExactly("alpha_vantage: circuit_open");
        assertThat(alphaVantageCalls).hasValue(callsWhileClosed);
    }

    @Test
    void withNoVendorAnsweringTheFetchFailsWithEveryReasonAndNothingIsStored() {
        alphaVantage.setDispatcher(answering(alphaVantageCalls,
                MarketDataVendorsTest.json(200, MarketDataVendorsTest.ALPHA_VANTAGE_ERROR)));
        yahoo.setDispatcher(answering(yahooCalls, new MockResponse.Builder().code(429).body("Too Many Requests").build()));
        MarketDataSource.Fetched fetched = source().fetch(FALLBACK, Instant.parse("2025-11-03T00:00:00Z"));
        assertThat(fetched.succeeded()).isFalse();
        assertThat(fetched.failures()).containsExactly("alpha_vantage: rejected", "yahoo_finance: rate_limited");
    }

    @Test
    void storedBarsKeepTheirSourceAndCorruptOrConflictingOnesAreSkipped() {
        catalog.save(FALLBACK);
        Bar good = bar("2025-10-06", "10", "11", "9", "10.5", "vendor-a");
        Bar sameAgain = bar("2025-10-06", "10", "11", "9", "10.50", "vendor-a");
        Bar conflictA = bar("2025-10-07", "10", "11", "9", "10.5", "vendor-a");
        Bar conflictB = bar("2025-10-07", "10", "11", "9", "10.9", "vendor-a");
        Bar corrupt = bar("2025-10-08", "10", "9", "11", "10", "vendor-a");
        double rejectedBefore = meters.counter("market_data_bars_rejected_total", "reason", "inconsistent OHLC").count();

        int written = feeds.store(FALLBACK, List.of(good, sameAgain, conflictA, conflictB, corrupt));

        assertThat(written).isEqualTo(1);
        List<Bar> stored = bars.between(FALLBACK.symbol(), BarInterval.ONE_DAY, Instant.parse("2025-10-01T00:00:00Z"),
                Instant.parse("2025-10-31T00:00:00Z"), 100);
        assertThat(stored).singleElement().satisfies(bar -> {
            assertThat(bar.source()).isEqualTo("vendor-a");
            assertThat(bar.close()).isEqualByComparingTo("10.5");
        });
        assertThat(meters.counter("market_data_bars_rejected_total", "reason", "inconsistent OHLC").count())
                .isEqualTo(rejectedBefore + 1);
    }

    private MarketDataSource source() {
        ProviderSettings off = new ProviderSettings("http://127.0.0.1:1", null, false, 10, Duration.ofSeconds(1));
        MarketDataProperties properties = new MarketDataProperties(
                new ProviderSettings(base(alphaVantage), "av-key", null, 100, Duration.ofSeconds(2)),
                new ProviderSettings(base(yahoo), null, true, 100, Duration.ofSeconds(2)), off, off,
                "x-cg-demo-api-key", Duration.ofMinutes(5), Duration.ofMinutes(15), 2, Duration.ofMillis(10),
                Duration.ofMinutes(5), List.of(), List.of());
        return MarketDataConfiguration.create(properties, redis, json, meters,
                Clock.fixed(Instant.parse("2026-01-10T12:00:00Z"), java.time.ZoneOffset.UTC));
    }

    private static String base(MockWebServer server) {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private static Dispatcher answering(AtomicInteger calls, MockResponse response) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                calls.incrementAndGet();
                return response;
            }
        };
    }

    private static Bar bar(String date, String open, String high, String low, String close, String source) {
        return new Bar(Instant.parse(date + "T00:00:00Z"), new BigDecimal(open), new BigDecimal(high),
                new BigDecimal(low), new BigDecimal(close), BigDecimal.valueOf(1000), source);
    }
}
