package com.aifinance.institutional.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.aifinance.institutional.trading.Barriers;
import com.aifinance.institutional.trading.Direction;
import com.aifinance.institutional.trading.Outcome;
import com.aifinance.institutional.trading.TripleBarrier;

/**
 * Walk-forward evaluation: train on a window, test on the window after it, roll forward by the test window, and
 * repeat; every test prediction is out of sample. Training samples whose label still looked at bars inside the test
 * window are purged, so no test information leaks into training. The deployed model is then trained on the latest
 * training window.
 */
public final class WalkForward {

    /** One fold's windows and out-of-sample counts. */
    public record Fold(int index, Instant trainFrom, Instant trainTo, Instant testFrom, Instant testTo,
                       int trainSamples, int testSamples, int classifierHits, int signals, int targetFirst) {
    }

    /** An out-of-sample trade: a test prediction confident enough to have been a signal, and how it ended. */
    public record Trade(int fold, String symbol, Direction direction, double confidence, Instant entryAt,
                        Barriers barriers, TripleBarrier.Resolution resolution) {
    }

    /** Everything a walk-forward run produced. */
    public record Result(ModelFamily family, List<Fold> folds, List<Trade> trades, Classifier finalModel,
                         Instant trainFrom, Instant trainTo, int trainSamples, long millis) {

        public int testSamples() {
            return folds.stream().mapToInt(Fold::testSamples).sum();
        }

        public int classifierHits() {
            return folds.stream().mapToInt(Fold::classifierHits).sum();
        }

        public int targetFirst() {
            return (int) trades.stream().filter(t -> t.resolution().outcome() == Outcome.TARGET_FIRST).count();
        }
    }

    private WalkForward() {
    }

    /** Whether a family with this many samples can be evaluated at all. */
    public static boolean enoughSamples(int samples, ModelProperties properties) {
        return trainSize(samples, properties) >= properties.minTrainSamples()
                && samples > trainSize(samples, properties);
    }

    public static Result run(ModelFamily family, List<Sample> unsorted, ModelProperties properties) {
        long started = System.nanoTime();
        List<Sample> samples = new ArrayList<>(unsorted);
        samples.sort(Comparator.comparing(Sample::time).thenComparing(Sample::symbol));
        int n = samples.size();
        if (!enoughSamples(n, properties)) {
            throw new IllegalArgumentException(family.key() + " has " + n + " samples: too few for a walk-forward run");
        }
        int trainSize = trainSize(n, properties);
        int testSize = Math.max(10, (int) Math.floor(n * properties.testFraction()));
        List<Fold> folds = new ArrayList<>();
        List<Trade> trades = new ArrayList<>();
        int fold = 0;
        for (int testStart = trainSize; testStart < n; testStart += testSize) {
            List<Sample> test = samples.subList(testStart, Math.min(n, testStart + testSize));
            Instant testFrom = test.getFirst().time();
            List<Sample> train = samples.subList(testStart - trainSize, testStart).stream()
                    .filter(sample -> sample.labelEnd().isBefore(testFrom))
                    .toList();
            if (train.size() < properties.minTrainSamples() || distinctLabels(train) < 2) {
                continue;
            }
            Classifier classifier = Classifier.train(train, properties);
            int hits = 0;
            int signals = 0;
            int targetFirst = 0;
            for (Sample sample : test) {
                Classifier.Forecast forecast = classifier.predict(sample.features());
                if (forecast.label().equals(sample.label())) {
                    hits++;
                }
                Direction direction = direction(forecast.label());
                if (direction != null && forecast.confidence() >= properties.minConfidence()) {
                    TripleBarrier.Resolution resolution = sample.resolution(direction);
                    trades.add(new Trade(fold, sample.symbol(), direction, forecast.confidence(), sample.time(),
                            sample.barriers(direction), resolution));
                    signals++;
                    if (resolution.outcome() == Outcome.TARGET_FIRST) {
                        targetFirst++;
                    }
                }
            }
            folds.add(new Fold(fold, train.getFirst().time(), train.getLast().time(), testFrom, test.getLast().time(),
                    train.size(), test.size(), hits, signals, targetFirst));
            fold++;
        }
        List<Sample> latest = samples.subList(n - trainSize, n);
        Classifier deployed = Classifier.train(latest, properties);
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Result(family, List.copyOf(folds), List.copyOf(trades), deployed, latest.getFirst().time(),
                latest.getLast().time(), latest.size(), millis);
    }

    /** The direction a label calls for, or null for FLAT. */
    public static Direction direction(String label) {
        return switch (label) {
            case Sample.UP -> Direction.LONG;
            case Sample.DOWN -> Direction.SHORT;
            default -> null;
        };
    }

    private static int trainSize(int samples, ModelProperties properties) {
        return (int) Math.floor(samples * properties.trainFraction());
    }

    private static long distinctLabels(List<Sample> samples) {
        return samples.stream().map(Sample::label).distinct().count();
    }
}
