package com.aifinance.analytics.signals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How resolved signals performed per period, for one mode (live or backtest) and either real or simulated market
 * data — never a mix. Every accuracy figure comes with its sample size and a 95 % Wilson interval.
 */
@Schema(description = "Signal performance over time; accuracy = target-first share of resolved signals")
public record SignalPerformanceReport(LocalDate from, LocalDate to, Granularity granularity, String mode,
                                      boolean simulated, String assetClass, String modelVersion, List<Period> periods,
                                      Period total) {

    public enum Granularity { day, week, month }

    /**
     * @param start           first day of the period (weeks start on Monday)
     * @param sampleSize      signals resolved in the period
     * @param accuracyPct     target-first ÷ resolved × 100 (null without signals)
     * @param winRatePct      signals with a positive return ÷ signals with a known return × 100
     * @param profitFactor    sum of positive returns ÷ |sum of negative returns| (null without losses)
     */
    public record Period(LocalDate start, long sampleSize, long targetFirst, long stopFirst, long horizon,
                         BigDecimal accuracyPct, BigDecimal accuracyLow95Pct, BigDecimal accuracyHigh95Pct,
                         long withReturn, BigDecimal winRatePct, BigDecimal averageReturnPct,
                         BigDecimal profitFactor) {
    }
}
