package com.aifinance.institutional.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.aifinance.institutional.features.FeatureExtractor;
import com.aifinance.institutional.features.FeatureVector;
import com.aifinance.institutional.marketdata.Bar;
import com.aifinance.institutional.marketdata.BarQuality;
import com.aifinance.institutional.marketdata.Instrument;
import com.aifinance.institutional.trading.Barriers;
import com.aifinance.institutional.trading.Direction;
import com.aifinance.institutional.trading.Outcome;
import com.aifinance.institutional.trading.TripleBarrier;

/**
 * Turns an instrument's bars into labelled samples. The series is split at every gap first; features and labels are
 * computed inside one contiguous segment only, and a sample needs its full horizon of bars after it.
 */
public final class SampleBuilder {

    private SampleBuilder() {
    }

    public static List<Sample> samples(Instrument instrument, List<Bar> bars, ModelProperties properties) {
        List<Sample> samples = new ArrayList<>();
        for (List<Bar> segment : BarQuality.contiguousSegments(bars, instrument.barInterval(), instrument.calendar())) {
            if (segment.size() <= FeatureExtractor.WARMUP_BARS + properties.horizonBars()) {
                continue;
            }
            for (FeatureVector vector : FeatureExtractor.features(segment, instrument.barInterval().duration())) {
                int last = vector.index() + properties.horizonBars();
                if (last >= segment.size()) {
                    break;
                }
                sample(instrument, vector, segment.subList(vector.index() + 1, last + 1), properties)
                        .ifPresent(samples::add);
            }
        }
        return samples;
    }

    private static Optional<Sample> sample(Instrument instrument, FeatureVector vector, List<Bar> following,
                                           ModelProperties properties) {
        Barriers longBarriers = Barriers.of(Direction.LONG, vector.close(), vector.atr(), properties.targetAtr(),
                properties.stopAtr(), instrument.priceScale());
        Barriers shortBarriers = Barriers.of(Direction.SHORT, vector.close(), vector.atr(), properties.targetAtr(),
                properties.stopAtr(), instrument.priceScale());
        if (!longBarriers.valid() || !shortBarriers.valid()) {
            return Optional.empty();
        }
        var longResult = TripleBarrier.resolve(Direction.LONG, longBarriers.entry(), longBarriers.target(),
                longBarriers.stop(), following, properties.horizonBars());
        var shortResult = TripleBarrier.resolve(Direction.SHORT, shortBarriers.entry(), shortBarriers.target(),
                shortBarriers.stop(), following, properties.horizonBars());
        if (longResult.isEmpty() || shortResult.isEmpty()) {
            return Optional.empty();
        }
        String label = longResult.get().outcome() == Outcome.TARGET_FIRST ? Sample.UP
                : shortResult.get().outcome() == Outcome.TARGET_FIRST ? Sample.DOWN : Sample.FLAT;
        var labelEnd = longResult.get().exitTime().isAfter(shortResult.get().exitTime())
                ? longResult.get().exitTime() : shortResult.get().exitTime();
        return Optional.of(new Sample(instrument.symbol(), vector.time(), vector.values(), label, longBarriers,
                longResult.get(), shortBarriers, shortResult.get(), labelEnd));
    }
}
