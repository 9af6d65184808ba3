package com.aifinance.institutional.signals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.institutional.features.FeatureExtractor;
import com.aifinance.institutional.features.FeatureVector;
import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.marketdata.Bar;
import com.aifinance.institutional.marketdata.BarQuality;
import com.aifinance.institutional.marketdata.BarStore;
import com.aifinance.institutional.marketdata.Instrument;
import com.aifinance.institutional.marketdata.InstrumentCatalog;
import com.aifinance.institutional.marketdata.TradingCalendar;
import com.aifinance.institutional.model.Classifier;
import com.aifinance.institutional.model.ModelFamily;
import com.aifinance.institutional.model.ModelProperties;
import com.aifinance.institutional.model.ModelRegistry;
import com.aifinance.institutional.model.WalkForward;
import com.aifinance.institutional.trading.Barriers;
import com.aifinance.institutional.trading.Direction;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates signals for one asset class: for each instrument with fresh, gap-free data, the family's deployed model
 * looks at the latest closed bar; a confident UP or DOWN becomes a signal, stored and published as
 * {@code signal.published} in one transaction. An instrument that already has an open signal in that direction gets
 * no second one (the database refuses it too).
 */
@Component
public class SignalGenerator {

    private static final Logger log = LoggerFactory.getLogger(SignalGenerator.class);

    /** Why an instrument produced no signal in a run (counted in metrics, useful in tests and logs). */
    public enum Skip { NO_MODEL, NO_DATA, STALE_DATA, GAP_IN_DATA, TOO_FEW_BARS, FLAT, LOW_CONFIDENCE, ALREADY_OPEN }

    /** The result of one run. */
    public record Run(List<Signal> published, List<String> skipped) {
    }

    private final InstrumentCatalog catalog;
    private final BarStore bars;
    private final ModelRegistry models;
    private final ModelProperties modelProperties;
    private final SignalProperties properties;
    private final SignalStore store;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    SignalGenerator(InstrumentCatalog catalog, BarStore bars, ModelRegistry models, ModelProperties modelProperties,
                    SignalProperties properties, SignalStore store, Outbox outbox, TransactionTemplate transactions,
                    MeterRegistry meters, Clock clock) {
        this.catalog = catalog;
        this.bars = bars;
        this.models = models;
        this.modelProperties = modelProperties;
        this.properties = properties;
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    public Run generate(AssetClass assetClass) {
        List<Signal> published = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Instrument instrument : catalog.active(assetClass)) {
            try {
                Object result = generate(instrument);
                if (result instanceof Signal signal) {
                    published.add(signal);
                } else {
                    skipped.add(instrument.symbol() + ": " + result);
                    meters.counter("signals_skipped_total", "asset_class", assetClass.code(), "reason",
                            result.toString().toLowerCase(java.util.Locale.ROOT)).increment();
                }
            } catch (RuntimeException e) {
                log.error("Signal generation for {} failed", instrument.symbol(), e);
                skipped.add(instrument.symbol() + ": error");
            }
        }
        return new Run(published, skipped);
    }

    /** A published signal, or the {@link Skip} reason. */
    private Object generate(Instrument instrument) {
        Optional<ModelRegistry.Deployed> model = models.active(ModelFamily.of(instrument));
        if (model.isEmpty()) {
            return Skip.NO_MODEL;
        }
        List<Bar> recent = bars.latest(instrument.symbol(), instrument.barInterval(), properties.lookbackBars());
        if (recent.isEmpty()) {
            return Skip.NO_DATA;
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (!fresh(instrument, recent.getLast(), now)) {
            return Skip.STALE_DATA;
        }
        List<Bar> run = BarQuality.latestContiguousRun(recent, instrument.barInterval(), instrument.calendar());
        if (run.size() <= FeatureExtractor.WARMUP_BARS) {
            // never compute a signal across missing data: wait until enough bars follow the gap
            return run.size() < recent.size() ? Skip.GAP_IN_DATA : Skip.TOO_FEW_BARS;
        }
        Optional<FeatureVector> features = FeatureExtractor.latest(run, instrument.barInterval().duration());
        if (features.isEmpty()) {
            return Skip.TOO_FEW_BARS;
        }
        Classifier.Forecast forecast = model.get().classifier().predict(features.get().values());
        Direction direction = WalkForward.direction(forecast.label());
        if (direction == null) {
            return Skip.FLAT;
        }
        if (forecast.confidence() < modelProperties.minConfidence()) {
            return Skip.LOW_CONFIDENCE;
        }
        if (store.hasOpen(instrument.symbol(), direction)) {
            return Skip.ALREADY_OPEN;
        }
        Barriers barriers = Barriers.of(direction, features.get().close(), features.get().atr(),
                modelProperties.targetAtr(), modelProperties.stopAtr(), instrument.priceScale());
        Duration horizon = instrument.barInterval().duration().multipliedBy(modelProperties.horizonBars());
        Instant basis = run.getLast().time();
        Signal signal = new Signal(UUID.randomUUID(), instrument.symbol(), instrument.assetClass(), direction,
                barriers.entry(), barriers.target(), barriers.stop(), horizon, modelProperties.horizonBars(),
                instrument.barInterval().code(), basis, basis.plus(instrument.barInterval().duration()).plus(horizon),
                BigDecimal.valueOf(forecast.confidence()).setScale(5, RoundingMode.HALF_EVEN), model.get().version(),
                now, instrument.simulated(), Signal.OPEN, null, null, null, null, null);
        Boolean inserted = transactions.execute(status -> {
            if (!store.insert(signal)) {
                return false;
            }
            outbox.publish(EventStreams.SIGNAL, SignalEvents.PUBLISHED, signal.id().toString(),
                    SignalEvents.Published.of(signal));
            return true;
        });
        if (!Boolean.TRUE.equals(inserted)) {
            return Skip.ALREADY_OPEN;
        }
        meters.counter("signals_published_total", "asset_class", instrument.assetClass().code(),
                "simulated", String.valueOf(instrument.simulated())).increment();
        return signal;
    }

    /** Whether the latest bar is recent enough to trade on: at most two periods late (plus weekends on weekdays). */
    static boolean fresh(Instrument instrument, Bar last, Instant now) {
        Duration period = instrument.barInterval().duration();
        Duration allowance = period.multipliedBy(2);
        if (instrument.calendar() == TradingCalendar.WEEKDAYS) {
            allowance = allowance.plus(Duration.ofDays(3)); // a weekend and a holiday
        }
        return !last.time().plus(period).plus(allowance).isBefore(now);
    }
}
