package com.aifinance.institutional.features;

/**
 * The technical indicators of one bar, as ta4j computes them (NaN while an indicator is still warming up).
 *
 * @param emaFast       EMA(9) of the close
 * @param emaSlow       EMA(21) of the close
 * @param macd          EMA(12) − EMA(26) of the close
 * @param macdSignal    EMA(9) of the MACD
 * @param relativeVolume volume / SMA(volume, 20); NaN when the source reports no volume
 */
public record Indicators(double close, double rsi, double emaFast, double emaSlow, double macd, double macdSignal,
                         double bollingerUpper, double bollingerMiddle, double bollingerLower, double atr, double adx,
                         double plusDi, double minusDi, double relativeVolume, double onBalanceVolumeChange) {
}
