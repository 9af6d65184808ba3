package com.aifinance.institutional.model;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The signal model ({@code aifa.model.*}).
 *
 * @param targetAtr       the target's distance from the entry, in average true ranges (ATR 14)
 * @param stopAtr         the stop's distance from the entry, in ATRs
 * @param horizonBars     the time barrier: bars after the entry bar
 * @param algorithm       {@code logistic} (multinomial logistic regression, SGD) or {@code tree} (CART)
 * @param trainFraction   walk-forward training window, as a share of a family's samples
 * @param testFraction    walk-forward test window (and step), as a share of a family's samples
 * @param minTrainSamples below this many labelled samples a family gets no model (and no signals)
 * @param minConfidence   a prediction becomes a signal only with at least this probability
 * @param retrainInterval how often families are retrained when new bars arrived
 */
@ConfigurationProperties("aifa.model")
public record ModelProperties(
        @DefaultValue("1.0") double targetAtr,
        @DefaultValue("1.0") double stopAtr,
        @DefaultValue("10") int horizonBars,
        @DefaultValue("logistic") String algorithm,
        @DefaultValue("0.5") double trainFraction,
        @DefaultValue("0.1") double testFraction,
        @DefaultValue("60") int minTrainSamples,
        @DefaultValue("0.5") double minConfidence,
        @DefaultValue("6h") Duration retrainInterval,
        @DefaultValue("10") int epochs,
        @DefaultValue("5") int treeDepth) {

    public ModelProperties {
        if (targetAtr <= 0 || stopAtr <= 0 || horizonBars <= 0) {
            throw new IllegalArgumentException("barriers and horizon must be positive");
        }
        if (trainFraction <= 0 || testFraction <= 0 || trainFraction + testFraction > 1) {
            throw new IllegalArgumentException("walk-forward windows must be positive shares that fit in the data");
        }
        if (!algorithm.equals("logistic") && !algorithm.equals("tree")) {
            throw new IllegalArgumentException("aifa.model.algorithm must be logistic or tree");
        }
    }

    /** Defaults, for code that runs outside Spring (the walk-forward benchmark). */
    public static ModelProperties defaults() {
        return new ModelProperties(1.0, 1.0, 10, "logistic", 0.5, 0.1, 60, 0.5, Duration.ofHours(6), 10, 5);
    }
}
