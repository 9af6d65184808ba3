package com.aifinance.institutional.signals;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.institutional.accuracy.AccuracyGauge;
import com.aifinance.institutional.accuracy.AccuracyReports;
import com.aifinance.institutional.accuracy.TradeStatistics;
import com.aifinance.institutional.features.FeatureVector;
import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.marketdata.Bar;
import com.aifinance.institutional.marketdata.BarInterval;
import com.aifinance.institutional.marketdata.BarStore;
import com.aifinance.institutional.marketdata.Instrument;
import com.aifinance.institutional.marketdata.InstrumentCatalog;
import com.aifinance.institutional.marketdata.MarketFeeds;
import com.aifinance.institutional.marketdata.TradingCalendar;
import com.aifinance.institutional.model.Classifier;
import com.aifinance.institutional.model.ModelFamily;
import com.aifinance.institutional.model.ModelProperties;
import com.aifinance.institutional.model.ModelRegistry;
import com.aifinance.institutional.model.ModelTraining;
import com.aifinance.institutional.model.Sample;
import com.aifinance.institutional.model.WalkForward;
import com.aifinance.institutional.trading.Direction;
import com.aifinance.institutional.trading.Outcome;
import com.aifinance.institutional.trading.TripleBarrier;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Training, generation, the one-open-signal rule, missing data, resolution and the accuracy gauge, end to end. */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignalLifecycleTest {

    static final ModelFamily STOCK_SIM = new ModelFamily(AssetClass.STOCK, true);

    @Autowired
    MarketFeeds feeds;
    @Autowired
    ModelTraining training;
    @Autowired
    ModelRegistry registry;
    @Autowired
    ModelProperties modelProperties;
    @Autowired
    SignalGenerator generator;
    @Autowired
    SignalResolver resolver;
    @Autowired
    SignalStore store;
    @Autowired
    InstrumentCatalog catalog;
    @Autowired
    BarStore bars;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccuracyReports reports;
    @Autowired
    AccuracyGauge gauge;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Clock clock;

    @BeforeEach
    void simulatedMarketIsUpToDate() {
        feeds.advanceSimulatedMarket();
    }

    @Test
    void trainingStoresAWalkForwardModelVersionWithItsWindowAndOutOfSampleTrades() {
        String version = training.train(STOCK_SIM).orElseThrow();

        ModelRegistry.Version stored = registry.find(version).orElseThrow();
        assertThat(stored.active()).isTrue();
        assertThat(stored.simulated()).isTrue();
        assertThat(stored.trainFrom()).isBefore(stored.trainTo());
        assertThat(stored.folds()).isGreaterThan(0);
        assertThat(stored.oosSamples()).isGreaterThan(0);
        assertThat(stored.oosTargetFirst()).isBetween(0, stored.oosSignals());
        assertThat(registry.folds(version)).hasSize(stored.folds())
                .allSatisfy(fold -> assertThat(fold.trainTo()).isBefore(fold.testFrom()));
        Integer trades = jdbc.sql("select count(*) from backtest_trades where version = ? and simulated")
                .param(version).query(Integer.class).single();
        assertThat(trades).isEqualTo(stored.oosSignals());
        assertThat(registry.active(STOCK_SIM).orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void aConfidentForecastBecomesASignalPublishedThroughTheOutboxAndOnlyOneIsOpenPerDirection() {
        String version = deployAlwaysUpModel();

        SignalGenerator.Run first = generator.generate(AssetClass.STOCK);
        SignalGenerator.Run second = generator.generate(AssetClass.STOCK);

        Signal signal = first.published().stream().filter(s -> s.symbol().equals("SIM-STK-A")).findFirst()
                .or(() -> store.page(new SignalStore.PageQuery(List.of(AssetClass.STOCK), Signal.OPEN, null, null, null,
                        null, null, 50)).stream().filter(s -> s.symbol().equals("SIM-STK-A")).findFirst())
                .orElseThrow();
        assertThat(signal.direction()).isEqualTo(Direction.LONG);
        assertThat(signal.target()).isGreaterThan(signal.entry());
        assertThat(signal.stop()).isLessThan(signal.entry());
        assertThat(signal.horizon()).isEqualTo(Duration.ofMinutes(modelProperties.horizonBars()));
        assertThat(signal.simulated()).isTrue();
        assertThat(signal.confidence()).isGreaterThanOrEqualTo(BigDecimal.valueOf(modelProperties.minConfidence()));
        assertThat(second.published()).noneMatch(s -> s.symbol().equals("SIM-STK-A"));
        assertThat(second.skipped()).contains("SIM-STK-A: ALREADY_OPEN");
        if (!first.published().isEmpty()) {
            Signal published = first.published().getFirst();
            assertThat(published.modelVersion()).isEqualTo(version);
            String event = jdbc.sql("select envelope::text from event_outbox where type = 'signal.published' and subject = ?")
                    .param(published.id().toString()).query(String.class).single();
            assertThat(event).contains("\"simulated\": true").contains("\"entry\": \"" + published.entry().toPlainString() + "\"")
                    .contains("\"horizon\": \"PT10M\"").contains("\"modelVersion\": \"" + version + "\"");
        }
        // the database itself refuses a second open signal for the same instrument and direction
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into signals (id, symbol, asset_class, direction, entry, target, stop, horizon, horizon_bars,
                            bar_interval, basis_bar_at, expires_at, confidence, model_version, generated_at, simulated)
                        values (?, 'SIM-STK-A', 'stock', 'long', 100, 101, 99, 'PT10M', 10, '1m', now() - interval '1 day',
                            now(), 0.9, ?, now(), true)
                        """).params(UUID.randomUUID(), signal.modelVersion()).update())
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void neverASignalOnDataWithAGapOrOnStaleData() {
        deployAlwaysUpModel();
        Instant lastMinute = BarInterval.ONE_MINUTE.periodStart(clock.instant()).minus(Duration.ofMinutes(1));
        Instrument gap = simulatedStock("SIM-GAP", true);
        Instrument stale = simulatedStock("SIM-STALE", true);
        catalog.save(gap);
        catalog.save(stale);
        List<Bar> gapped = new ArrayList<>(minuteBars(lastMinute.minus(Duration.ofMinutes(99)), 60));
        gapped.addAll(minuteBars(lastMinute.minus(Duration.ofMinutes(29)), 30)); // ten minutes missing before these
        bars.save(gap.symbol(), BarInterval.ONE_MINUTE, gapped);
        bars.save(stale.symbol(), BarInterval.ONE_MINUTE, minuteBars(lastMinute.minus(Duration.ofMinutes(180)), 100));
        try {
            SignalGenerator.Run run = generator.generate(AssetClass.STOCK);
            assertThat(run.skipped()).contains("SIM-GAP: GAP_IN_DATA", "SIM-STALE: STALE_DATA");
            assertThat(run.published()).noneMatch(s -> s.symbol().equals("SIM-GAP") || s.symbol().equals("SIM-STALE"));
        } finally {
            catalog.save(simulatedStock("SIM-GAP", false));
            catalog.save(simulatedStock("SIM-STALE", false));
        }
    }

    @Test
    void openSignalsResolveByTheTripleBarrierRuleAndPublishTheirOutcome() {
        String version = deployAlwaysUpModel();
        Instrument instrument = simulatedStock("SIM-RES", false);
        catalog.save(instrument);
        Instant basis = Instant.parse("2026-02-02T10:00:00Z");
        bars.save(instrument.symbol(), BarInterval.ONE_MINUTE, List.of(
                bar(basis, "100", "100.2", "99.8", "100"),
                bar(basis.plusSeconds(60), "100", "100.5", "99.3", "100.2"),
                bar(basis.plusSeconds(120), "100.2", "101.2", "99.8", "101")));
        Signal winner = signal(instrument.symbol(), Direction.LONG, "100", "101", "99", basis, version);
        Signal loser = signal(instrument.symbol(), Direction.SHORT, "100", "99.4", "100.4", basis, version);
        assertThat(store.insert(winner)).isTrue();
        assertThat(store.insert(loser)).isTrue();

        List<Signal> resolved = resolver.resolveOpen();

        Signal won = resolved.stream().filter(s -> s.id().equals(winner.id())).findFirst().orElseThrow();
        assertThat(won.outcome()).isEqualTo(Outcome.TARGET_FIRST);
        assertThat(won.exitPrice()).isEqualByComparingTo("101");
        assertThat(won.returnPct()).isEqualByComparingTo("1");
        // the first bar after entry touches both 99.4 (target) and 100.4 (stop): it counts as the stop
        Signal lost = resolved.stream().filter(s -> s.id().equals(loser.id())).findFirst().orElseThrow();
        assertThat(lost.outcome()).isEqualTo(Outcome.STOP_FIRST);
        assertThat(lost.returnPct()).isEqualByComparingTo("-0.4");
        assertThat(store.find(winner.id()).orElseThrow().status()).isEqualTo(Signal.RESOLVED);
        String event = jdbc.sql("select envelope::text from event_outbox where type = 'signal.resolved' and subject = ?")
                .param(winner.id().toString()).query(String.class).single();
        assertThat(event).contains("\"outcome\": \"target_first\"").contains("\"mode\": \"live\"")
                .contains("\"simulated\": true");
        assertThat(resolver.resolveOpen()).noneMatch(s -> s.id().equals(winner.id()));

        gauge.refresh();
        Instant now = clock.instant();
        TradeStatistics expected = reports.live(AssetClass.STOCK, true, now.minus(Duration.ofDays(7)), now);
        assertThat(expected.sampleSize()).isGreaterThanOrEqualTo(2);
        assertThat(meters.get("signal_accuracy_percentage").tags("asset_class", "stock", "data", "simulated").gauge()
                .value()).isEqualTo(expected.accuracy() * 100);
        assertThat(meters.get("signal_accuracy_sample_size").tags("asset_class", "stock", "data", "simulated").gauge()
                .value()).isEqualTo(expected.sampleSize());
    }

    @Test
    void aSignalWhoseDataStoppedIsClosedAtTheHorizonOnceItHasPassed() {
        String version = deployAlwaysUpModel();
        Instrument instrument = simulatedStock("SIM-HALT", false);
        catalog.save(instrument);
        Instant basis = BarInterval.ONE_MINUTE.periodStart(clock.instant()).minus(Duration.ofHours(2));
        Signal halted = signal(instrument.symbol(), Direction.LONG, "50", "51", "49", basis, version);
        assertThat(store.insert(halted)).isTrue();

        Signal closed = resolver.resolveOpen().stream().filter(s -> s.id().equals(halted.id())).findFirst().orElseThrow();

        assertThat(closed.outcome()).isEqualTo(Outcome.HORIZON);
        assertThat(closed.exitPrice()).isEqualByComparingTo("50");
        assertThat(closed.returnPct()).isEqualByComparingTo("0");
    }

    /** A stock-sim model that always says UP with certainty: makes generation deterministic for these tests. */
    private String deployAlwaysUpModel() {
        List<Sample> samples = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            double[] features = new double[FeatureVector.NAMES.size()];
            features[0] = i % 7;
            features[1] = i % 3;
            Instant t = start.plusSeconds(60L * i);
            TripleBarrier.Resolution resolution = new TripleBarrier.Resolution(Outcome.TARGET_FIRST, t, BigDecimal.TEN,
                    BigDecimal.ONE, 1);
            samples.add(new Sample("SIM-STK-A", t, features, Sample.UP, null, resolution, null, resolution, t));
        }
        Classifier classifier = Classifier.train(samples, modelProperties);
        return registry.save(new WalkForward.Result(STOCK_SIM, List.of(), List.of(), classifier, start,
                start.plusSeconds(3000), samples.size(), 1), modelProperties);
    }

    private Signal signal(String symbol, Direction direction, String entry, String target, String stop, Instant basis,
                          String version) {
        Duration horizon = Duration.ofMinutes(10);
        return new Signal(UUID.randomUUID(), symbol, AssetClass.STOCK, direction, new BigDecimal(entry),
                new BigDecimal(target), new BigDecimal(stop), horizon, 10, "1m", basis, basis.plus(horizon).plusSeconds(60),
                new BigDecimal("0.75"), version, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), true,
                Signal.OPEN, null, null, null, null, null);
    }

    private static Instrument simulatedStock(String symbol, boolean active) {
        return new Instrument(symbol, AssetClass.STOCK, "Test " + symbol, "USD", true, "simulated",
                BarInterval.ONE_MINUTE, TradingCalendar.ALWAYS, Map.of(), 2, active);
    }

    private static List<Bar> minuteBars(Instant first, int count) {
        List<Bar> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigDecimal close = BigDecimal.valueOf(100 + Math.sin(i / 3.0) * 2).setScale(2, java.math.RoundingMode.HALF_EVEN);
            result.add(new Bar(first.plusSeconds(60L * i), close, close.add(BigDecimal.ONE), close.subtract(BigDecimal.ONE),
                    close, BigDecimal.valueOf(1000 + i), "test"));
        }
        return result;
    }

    private static Bar bar(Instant time, String open, String high, String low, String close) {
        return new Bar(time, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low), new BigDecimal(close),
                BigDecimal.valueOf(1000), "test");
    }

}
