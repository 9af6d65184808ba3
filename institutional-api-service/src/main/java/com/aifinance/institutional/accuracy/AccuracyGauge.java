package com.aifinance.institutional.accuracy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.aifinance.institutional.marketdata.AssetClass;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code signal_accuracy_percentage}: the target-first share of live signals resolved in the last 7 days, per asset
 * class ({@code all} too) and data kind ({@code real} / {@code simulated}), always beside
 * {@code signal_accuracy_sample_size}. With no resolved signal the percentage is NaN (no figure), never 0. Computed
 * every minute, not on each scrape.
 */
@Component
public class AccuracyGauge {

    static final Duration WINDOW = Duration.ofDays(7);

    private record Slice(AssetClass assetClass, boolean simulated) {
    }

    private final AccuracyReports reports;
    private final Clock clock;
    private final Map<Slice, double[]> values = new ConcurrentHashMap<>();

    AccuracyGauge(AccuracyReports reports, MeterRegistry meters, Clock clock) {
        this.reports = reports;
        this.clock = clock;
        List<AssetClass> classes = new ArrayList<>();
        classes.add(null);
        classes.addAll(List.of(AssetClass.values()));
        for (AssetClass assetClass : classes) {
            for (boolean simulated : new boolean[]{false, true}) {
                Slice slice = new Slice(assetClass, simulated);
                double[] value = {Double.NaN, 0};
                values.put(slice, value);
                String tag = assetClass == null ? "all" : assetClass.code();
                String data = simulated ? "simulated" : "real";
                Gauge.builder("signal_accuracy_percentage", value, v -> v[0])
                        .description("Target-first share of live signals resolved in the last 7 days, in percent")
                        .tag("asset_class", tag).tag("data", data).register(meters);
                Gauge.builder("signal_accuracy_sample_size", value, v -> v[1])
                        .description("Live signals resolved in the last 7 days behind signal_accuracy_percentage")
                        .tag("asset_class", tag).tag("data", data).register(meters);
            }
        }
    }

    @Scheduled(fixedDelayString = "${aifa.accuracy.gauge-interval:60s}", initialDelayString = "5s")
    public void refresh() {
        Instant now = clock.instant();
        values.forEach((slice, value) -> {
            TradeStatistics statistics = reports.live(slice.assetClass(), slice.simulated(), now.minus(WINDOW), now);
            value[0] = statistics.accuracy() == null ? Double.NaN : statistics.accuracy() * 100;
            value[1] = statistics.sampleSize();
        });
    }
}
