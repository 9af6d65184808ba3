package com.aifinance.institutional.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.marketdata.BarStore;
import com.aifinance.institutional.marketdata.Instrument;
import com.aifinance.institutional.marketdata.InstrumentCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Trains each family walk-forward on the bars in the database and deploys the result. */
@Component
public class ModelTraining {

    private static final Logger log = LoggerFactory.getLogger(ModelTraining.class);

    private final InstrumentCatalog catalog;
    private final BarStore bars;
    private final ModelRegistry registry;
    private final ModelProperties properties;
    private final MeterRegistry meters;

    ModelTraining(InstrumentCatalog catalog, BarStore bars, ModelRegistry registry, ModelProperties properties,
                  MeterRegistry meters) {
        this.catalog = catalog;
        this.bars = bars;
        this.registry = registry;
        this.properties = properties;
        this.meters = meters;
    }

    public static List<ModelFamily> families() {
        List<ModelFamily> families = new ArrayList<>();
        for (AssetClass assetClass : AssetClass.values()) {
            families.add(new ModelFamily(assetClass, false));
            families.add(new ModelFamily(assetClass, true));
        }
        return families;
    }

    /** Trains the families that have no model yet. */
    public void trainMissing() {
        for (ModelFamily family : families()) {
            if (registry.active(family).isEmpty()) {
                train(family);
            }
        }
    }

    /** Retrains every family whose data grew beyond its deployed model's training window. */
    public void retrainStale() {
        for (ModelFamily family : families()) {
            Optional<ModelRegistry.Deployed> deployed = registry.active(family);
            if (deployed.isEmpty()) {
                train(family);
                continue;
            }
            var version = registry.find(deployed.get().version()).orElseThrow();
            boolean newer = instruments(family).stream().anyMatch(instrument -> bars.lastBarTime(instrument.symbol(),
                    instrument.barInterval()).filter(last -> last.isAfter(version.trainTo()
                    .plus(instrument.barInterval().duration().multipliedBy(properties.horizonBars() * 2L)))).isPresent());
            if (newer) {
                train(family);
            }
        }
    }

    /** One walk-forward run for a family; empty when its data is too thin for a model. */
    public Optional<String> train(ModelFamily family) {
        List<Sample> samples = new ArrayList<>();
        for (Instrument instrument : instruments(family)) {
            samples.addAll(SampleBuilder.samples(instrument, bars.all(instrument.symbol(), instrument.barInterval()),
                    properties));
        }
        if (!WalkForward.enoughSamples(samples.size(), properties)) {
            log.info("No model for {}: {} labelled samples is too few", family.key(), samples.size());
            return Optional.empty();
        }
        WalkForward.Result result = WalkForward.run(family, samples, properties);
        String version = registry.save(result, properties);
        meters.counter("signal_models_trained_total", "family", family.key()).increment();
        log.info("Model {} deployed: {} folds, {} out-of-sample signals, {} target first, {} ms", version,
                result.folds().size(), result.trades().size(), result.targetFirst(), result.millis());
        return Optional.of(version);
    }

    private List<Instrument> instruments(ModelFamily family) {
        return catalog.all().stream().filter(Instrument::active).filter(family::includes).toList();
    }
}
