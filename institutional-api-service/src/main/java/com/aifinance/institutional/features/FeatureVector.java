package com.aifinance.institutional.features;

import java.time.Instant;
import java.util.List;

/**
 * The model's inputs at one bar: scale-free features (ratios to price, bounded oscillators) so one model can serve
 * every instrument of an asset class.
 *
 * @param index position of the bar in the series it was computed on
 */
public record FeatureVector(Instant time, int index, double close, double atr, double[] values) {

    /** Feature names, in the order of {@link #values()}. */
    public static final List<String> NAMES = List.of(
            "rsi14", "macd_to_price", "macd_histogram_to_price", "ema9_21_spread", "ema9_21_cross",
            "bollinger_percent_b", "bollinger_bandwidth", "atr14_to_price", "adx14", "di_spread",
            "return_1", "return_5", "relative_volume_log", "obv_change_10");
}
