package com.aifinance.dashboard.signals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What institutional-api-service's /v1 API and subscription-service's entitlements answer, as the pages read them. */
final class SignalViews {

    private SignalViews() {
    }

    record Signal(String id, String symbol, String assetClass, String direction, String entry, String target,
                  String stop, String horizon, double confidence, String modelVersion, Instant generatedAt,
                  boolean simulated, String status, String outcome, String exitPrice, Instant exitAt,
                  String returnPct, Instant resolvedAt) {

        public boolean resolved() {
            return "resolved".equals(status);
        }

        public String outcomeText() {
            if (outcome == null) {
                return "Open";
            }
            return switch (outcome) {
                case "target_first" -> "Target reached first";
                case "stop_first" -> "Stopped out";
                case "horizon" -> "Closed at the horizon";
                default -> outcome;
            };
        }
    }

    record SignalPage(List<Signal> data, String nextCursor, int limit) {
    }

    record Bar(Instant time, String open, String high, String low, String close, String volume, String source) {
    }

    record Bars(String symbol, String assetClass, String interval, boolean simulated, Instant from, Instant to,
                List<Bar> bars) {
    }

    record Interval(double low, double high, double confidenceLevel) {
    }

    record AccuracyGroup(String assetClass, String modelVersion, boolean simulated, Instant periodFrom,
                         Instant periodTo, int sampleSize, int targetFirst, int stopFirst, int horizon,
                         Double accuracy, Interval accuracyInterval, Double winRate, Double profitFactor,
                         Double expectancyPct, Double maxDrawdownPct) {
    }

    record Accuracy(List<AccuracyGroup> live, List<AccuracyGroup> backtest) {

        public boolean isEmpty() {
            return (live == null || live.isEmpty()) && (backtest == null || backtest.isEmpty());
        }
    }

    record Performance(java.time.LocalDate from, java.time.LocalDate to, String granularity, String mode,
                       boolean simulated, String assetClass, List<Period> periods, Period total) {
    }

    record Period(java.time.LocalDate start, long sampleSize, long targetFirst, long stopFirst, long horizon,
                  java.math.BigDecimal accuracyPct, java.math.BigDecimal accuracyLow95Pct,
                  java.math.BigDecimal accuracyHigh95Pct, long withReturn, java.math.BigDecimal winRatePct,
                  java.math.BigDecimal averageReturnPct, java.math.BigDecimal profitFactor) {
    }

    /** subscription-service's entitlement answer (the fields the live feed needs). */
    record Entitlement(String subject, String tier, Map<String, Boolean> features, List<String> signalAssetClasses,
                       String signalDelay) {
    }
}
