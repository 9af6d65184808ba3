package com.aifinance.institutional.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.aifinance.institutional.marketdata.Bar;
import com.aifinance.institutional.marketdata.BundledHistory;
import com.aifinance.institutional.marketdata.SimulatedMarket;
import com.aifinance.institutional.trading.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full walk-forward evaluation over the bundled real data (AAPL 2013 daily; BTC 2013 and ETH 2023 30-minute), as
 * the service runs it at first start, without Spring or a database; with {@code -Daifa.benchmark=full} also over the
 * simulated market's first-start history. It prints the duration and the out-of-sample results (docs/signals.md).
 */
class WalkForwardOverBundledDataTest {

    @Test
    void everyFamilyIsEvaluatedOutOfSampleWithoutLookAhead() {
        ModelProperties properties = ModelProperties.defaults();
        long started = System.nanoTime();
        Map<ModelFamily, List<Sample>> families = new LinkedHashMap<>();
        for (BundledHistory.Series series : BundledHistory.all()) {
            families.computeIfAbsent(ModelFamily.of(series.instrument()), f -> new ArrayList<>())
                    .addAll(SampleBuilder.samples(series.instrument(), series.bars(), properties));
        }
        Instant simulationStart = Instant.parse("2026-01-05T00:00:00Z");
        // the simulated market (as generated at first start) only when asked: -Daifa.benchmark=full
        boolean full = "full".equals(System.getProperty("aifa.benchmark"));
        for (SimulatedMarket.Spec spec : full ? SimulatedMarket.SPECS : List.<SimulatedMarket.Spec>of()) {
            List<Bar> bars = SimulatedMarket.continueSeries(spec, null, null, simulationStart, 1440);
            families.computeIfAbsent(ModelFamily.of(spec.instrument()), f -> new ArrayList<>())
                    .addAll(SampleBuilder.samples(spec.instrument(), bars, properties));
        }
        List<WalkForward.Result> results = new ArrayList<>();
        for (var family : families.entrySet()) {
            results.add(WalkForward.run(family.getKey(), family.getValue(), properties));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("walk-forward over the bundled real data%s: %d ms%n", full ? " and the simulated market" : "",
                millis);
        for (WalkForward.Result result : results) {
            long stops = result.trades().stream().filter(t -> t.resolution().outcome() == Outcome.STOP_FIRST).count();
            System.out.printf("%-12s samples=%d folds=%d oos=%d classifierHits=%d signals=%d targetFirst=%d stopFirst=%d (%d ms)%n",
                    result.family().key(), families.get(result.family()).size(), result.folds().size(),
                    result.testSamples(), result.classifierHits(), result.trades().size(), result.targetFirst(), stops,
                    result.millis());
        }

        assertThat(results).extracting(r -> r.family().key()).contains("stock-real", "crypto-real");
        for (WalkForward.Result result : results) {
            assertThat(result.folds()).isNotEmpty();
            for (WalkForward.Fold fold : result.folds()) {
                assertThat(fold.trainTo()).isBefore(fold.testFrom());
            }
            for (WalkForward.Trade trade : result.trades()) {
                WalkForward.Fold fold = result.folds().stream().filter(f -> f.index() == trade.fold()).findFirst()
                        .orElseThrow();
                assertThat(trade.entryAt()).isBetween(fold.testFrom(), fold.testTo());
                assertThat(trade.resolution().exitTime()).isAfter(trade.entryAt());
            }
        }
    }
}
