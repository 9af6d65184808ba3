package com.aifinance.institutional.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.aifinance.institutional.features.FeatureVector;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The Tribuo classifier behind signals: multinomial logistic regression (SGD with AdaGrad) or a CART tree, on
 * features standardised with the training window's mean and deviation (a constant feature is left centred, not
 * divided by zero). Its output is UP, DOWN or FLAT with a probability.
 */
public final class Classifier {

    /** A forecast: the most probable label and its probability. */
    public record Forecast(String label, double confidence) {
    }

    private static final LabelFactory LABELS = new LabelFactory();
    private static final String[] NAMES = FeatureVector.NAMES.toArray(String[]::new);
    private static final long SEED = 20_131_125L;

    private final Model<Label> model;
    private final double[] mean;
    private final double[] deviation;

    private Classifier(Model<Label> model, double[] mean, double[] deviation) {
        this.model = model;
        this.mean = mean;
        this.deviation = deviation;
    }

    public static Classifier train(List<Sample> samples, ModelProperties properties) {
        int width = NAMES.length;
        double[] mean = new double[width];
        double[] deviation = new double[width];
        for (Sample sample : samples) {
            for (int f = 0; f < width; f++) {
                mean[f] += sample.features()[f] / samples.size();
            }
        }
        for (Sample sample : samples) {
            for (int f = 0; f < width; f++) {
                double d = sample.features()[f] - mean[f];
                deviation[f] += d * d / samples.size();
            }
        }
        for (int f = 0; f < width; f++) {
            deviation[f] = deviation[f] > 1e-18 ? Math.sqrt(deviation[f]) : 1.0;
        }
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("walk-forward training window", LABELS), LABELS);
        for (Sample sample : samples) {
            data.add(new ArrayExample<>(new Label(sample.label()), NAMES, standardise(sample.features(), mean, deviation)));
        }
        return new Classifier(trainer(properties).train(data), mean, deviation);
    }

    static Trainer<Label> trainer(ModelProperties properties) {
        if (properties.algorithm().equals("tree")) {
            return new CARTClassificationTrainer(properties.treeDepth(), 1.0f, SEED);
        }
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), properties.epochs(), 1, SEED);
    }

    /** Parameters stored with a model version. */
    static Map<String, Object> parameters(ModelProperties properties) {
        return properties.algorithm().equals("tree")
                ? Map.of("trainer", "CARTClassificationTrainer", "maxDepth", properties.treeDepth(), "seed", SEED)
                : Map.of("trainer", "LinearSGDTrainer(LogMulticlass, AdaGrad(0.5, 0.1))", "epochs", properties.epochs(),
                "seed", SEED, "standardisation", "training-window mean and deviation");
    }

    public Forecast predict(double[] features) {
        Prediction<Label> prediction = model.predict(new ArrayExample<>(LABELS.getUnknownOutput(), NAMES,
                standardise(features, mean, deviation)));
        Label best = prediction.getOutput();
        double confidence = model.generatesProbabilities() ? best.getScore()
                : prediction.getOutputScores().values().stream().mapToDouble(Label::getScore).max().orElse(0);
        return new Forecast(best.getLabel(), Math.max(0, Math.min(1, confidence)));
    }

    /** The standardisation and the Tribuo model (protobuf), in one blob. */
    public byte[] toBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(mean.length);
            for (int f = 0; f < mean.length; f++) {
                out.writeDouble(mean[f]);
                out.writeDouble(deviation[f]);
            }
            byte[] proto = model.serialize().toByteArray();
            out.writeInt(proto.length);
            out.write(proto);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Classifier fromBytes(byte[] blob) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob))) {
            int width = in.readInt();
            if (width != NAMES.length) {
                throw new IllegalStateException("a stored model has " + width + " features, this code has " + NAMES.length);
            }
            double[] mean = new double[width];
            double[] deviation = new double[width];
            for (int f = 0; f < width; f++) {
                mean[f] = in.readDouble();
                deviation[f] = in.readDouble();
            }
            byte[] proto = new byte[in.readInt()];
            in.readFully(proto);
            Model<?> model = Model.deserialize(ModelProto.parseFrom(proto));
            return new Classifier(model.castModel(Label.class), mean, deviation);
        } catch (IOException e) {
            throw new IllegalStateException("a stored model cannot be read", e);
        }
    }

    private static double[] standardise(double[] features, double[] mean, double[] deviation) {
        double[] result = new double[features.length];
        for (int f = 0; f < features.length; f++) {
            result[f] = (features[f] - mean[f]) / deviation[f];
        }
        return result;
    }
}
