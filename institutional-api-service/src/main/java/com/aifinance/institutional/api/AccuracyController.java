package com.aifinance.institutional.api;

import java.time.Instant;
import java.util.List;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.institutional.accuracy.AccuracyReports;
import com.aifinance.institutional.accuracy.TradeStatistics;
import com.aifinance.institutional.accuracy.WilsonInterval;
import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.model.ModelRegistry;
import com.aifinance.institutional.model.WalkForward;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accuracy", description = "How good the signals are: live results and walk-forward backtests, never mixed")
class AccuracyController {

    @Schema(description = "A 95 % Wilson score interval of the accuracy")
    record Interval(double low, double high, double confidenceLevel) {

        static Interval of(WilsonInterval interval) {
            return interval == null ? null : new Interval(interval.low(), interval.high(), 0.95);
        }
    }

    @Schema(description = """
            Figures of one asset class, model version and data kind over a period. accuracy = targetFirst / \
            sampleSize; it is null (not 0) when sampleSize is 0.""")
    record GroupView(String assetClass, String modelVersion, boolean simulated, Instant periodFrom, Instant periodTo,
                     int sampleSize, int targetFirst, int stopFirst, int horizon, Double accuracy,
                     Interval accuracyInterval, Double winRate, Double profitFactor, Double expectancyPct,
                     Double maxDrawdownPct) {

        static GroupView of(AccuracyReports.Group group) {
            TradeStatistics s = group.statistics();
            return new GroupView(group.assetClass().code(), group.modelVersion(), group.simulated(), group.from(),
                    group.to(), s.sampleSize(), s.targetFirst(), s.stopFirst(), s.horizon(), s.accuracy(),
                    Interval.of(s.accuracyInterval()), s.winRate(), s.profitFactor(), s.expectancyPct(),
                    s.maxDrawdownPct());
        }
    }

    @Schema(description = "Live results and walk-forward backtest results, reported side by side and never mixed")
    record AccuracyView(List<GroupView> live, List<GroupView> backtest) {
    }

    record FoldView(int fold, Instant trainFrom, Instant trainTo, Instant testFrom, Instant testTo, int trainSamples,
                    int testSamples, int classifierHits, int signals, int targetFirst) {
    }

    @Schema(description = "A model version: its training window and its walk-forward out-of-sample metrics")
    record ModelView(String version, String assetClass, boolean simulated, String algorithm, Instant trainFrom,
                     Instant trainTo, int trainSamples, int folds, int outOfSampleSamples,
                     Double outOfSampleClassifierAccuracy, int outOfSampleSignals, int outOfSampleTargetFirst,
                     Double outOfSampleSignalAccuracy, Interval outOfSampleSignalAccuracyInterval,
                     long evaluationMillis, Instant trainedAt, boolean active, List<FoldView> foldDetails) {

        static ModelView of(ModelRegistry.Version v, List<WalkForward.Fold> folds) {
            return new ModelView(v.version(), v.assetClass().code(), v.simulated(), v.algorithm(), v.trainFrom(),
                    v.trainTo(), v.trainSamples(), v.folds(), v.oosSamples(),
                    v.oosSamples() == 0 ? null : (double) v.oosClassifierHits() / v.oosSamples(), v.oosSignals(),
                    v.oosTargetFirst(), v.oosSignals() == 0 ? null : (double) v.oosTargetFirst() / v.oosSignals(),
                    Interval.of(WilsonInterval.of(v.oosTargetFirst(), v.oosSignals())), v.evaluationMillis(),
                    v.trainedAt(), v.active(), folds == null ? null : folds.stream()
                    .map(f -> new FoldView(f.index(), f.trainFrom(), f.trainTo(), f.testFrom(), f.testTo(),
                            f.trainSamples(), f.testSamples(), f.classifierHits(), f.signals(), f.targetFirst()))
                    .toList());
        }
    }

    record ModelList(List<ModelView> data) {
    }

    private final AccuracyReports reports;
    private final ModelRegistry models;
    private final Entitlements entitlements;

    AccuracyController(AccuracyReports reports, ModelRegistry models, Entitlements entitlements) {
        this.reports = reports;
        this.models = models;
        this.entitlements = entitlements;
    }

    @GetMapping("/v1/accuracy")
    @Operation(summary = "Signal accuracy", description = """
            Accuracy is the share of resolved signals whose target was reached before the stop (a bar touching both \
            counts as the stop; a signal closed at its horizon counts as not reached). Every figure comes with its \
            sample size and a 95 % Wilson interval, per asset class, model version and data kind (real or \
            simulated), over [from, to) of resolution time. `mode` picks live or backtest; without it both are \
            returned, separately.""")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            {"live": [{"assetClass": "stock", "modelVersion": "stock-sim-logistic-20261126T073000", "simulated": true,
               "periodFrom": "2026-11-19T00:00:00Z", "periodTo": "2026-11-26T00:00:00Z", "sampleSize": 120,
               "targetFirst": 61, "stopFirst": 52, "horizon": 7, "accuracy": 0.5083,
               "accuracyInterval": {"low": 0.4196, "high": 0.5965, "confidenceLevel": 0.95}, "winRate": 0.525,
               "profitFactor": 1.08, "expectancyPct": 0.004, "maxDrawdownPct": 1.9}],
             "backtest": [{"assetClass": "stock", "modelVersion": "stock-real-logistic-20261126T073000",
               "simulated": false, "periodFrom": "2013-07-10T00:00:00Z", "periodTo": "2013-12-17T00:00:00Z",
               "sampleSize": 100, "targetFirst": 42, "stopFirst": 52, "horizon": 6, "accuracy": 0.42,
               "accuracyInterval": {"low": 0.3284, "high": 0.5175, "confidenceLevel": 0.95}, "winRate": 0.44,
               "profitFactor": 0.83, "expectancyPct": -0.19, "maxDrawdownPct": 21.5}]}""")))
    AccuracyView accuracy(@Parameter(schema = @Schema(allowableValues = {"live", "backtest"})) @RequestParam(required = false) String mode,
                          @Parameter(example = "stock") @RequestParam(required = false) String assetClass,
                          @RequestParam(required = false) String modelVersion,
                          @Parameter(description = "true: simulated market only; false: real data only")
                          @RequestParam(required = false) String simulated,
                          @Parameter(example = "2026-11-01T00:00:00Z") @RequestParam(required = false) String from,
                          @Parameter(example = "2026-12-01T00:00:00Z") @RequestParam(required = false) String to) {
        Access access = entitlements.require("accuracy:read");
        AssetClass requested = Params.assetClass(assetClass);
        if (requested != null && !access.entitledTo(requested)) {
            throw Entitlements.notEntitled(requested, access);
        }
        if (mode != null && !mode.equals("live") && !mode.equals("backtest")) {
            throw Params.invalid("mode", "must be live or backtest");
        }
        Boolean simulatedOnly = Params.bool("simulated", simulated);
        Instant fromTime = Params.instant("from", from);
        Instant toTime = Params.instant("to", to);
        Params.ordered(fromTime, toTime);
        List<GroupView> live = mode == null || mode.equals("live")
                ? groups(AccuracyReports.Mode.LIVE, requested, modelVersion, simulatedOnly, fromTime, toTime, access) : null;
        List<GroupView> backtest = mode == null || mode.equals("backtest")
                ? groups(AccuracyReports.Mode.BACKTEST, requested, modelVersion, simulatedOnly, fromTime, toTime, access)
                : null;
        return new AccuracyView(live, backtest);
    }

    private List<GroupView> groups(AccuracyReports.Mode mode, AssetClass assetClass, String modelVersion,
                                   Boolean simulated, Instant from, Instant to, Access access) {
        return reports.report(new AccuracyReports.Query(mode, assetClass, modelVersion, simulated, from, to)).stream()
                .filter(group -> access.entitledTo(group.assetClass()))
                .map(GroupView::of).toList();
    }

    @GetMapping("/v1/models")
    @Operation(summary = "Model versions", description = """
            Every trained model version with its final training window and its walk-forward out-of-sample metrics.""")
    ModelList models() {
        Access access = entitlements.require("accuracy:read");
        return new ModelList(models.all().stream().filter(v -> access.entitledTo(v.assetClass()))
                .map(v -> ModelView.of(v, null)).toList());
    }

    @GetMapping("/v1/models/{version}")
    @Operation(summary = "One model version", description = "With the windows and counts of every walk-forward fold.")
    ModelView model(@PathVariable String version) {
        Access access = entitlements.require("accuracy:read");
        ModelRegistry.Version found = models.find(version)
                .filter(v -> access.entitledTo(v.assetClass()))
                .orElseThrow(() -> ApiProblem.notFound("Model version " + version));
        return ModelView.of(found, models.folds(version));
    }
}
