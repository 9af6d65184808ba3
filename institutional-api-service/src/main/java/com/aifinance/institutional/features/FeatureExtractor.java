package com.aifinance.institutional.features;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.aifinance.institutional.marketdata.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * Technical features with ta4j: RSI(14), MACD(12, 26, 9), EMA(9/21) spread and crossovers, Bollinger bands (20, 2),
 * ATR(14), ADX(14) with the directional indicators, returns and volume features. It must be given a contiguous run of
 * bars (no gaps): indicators are never computed across missing data.
 */
public final class FeatureExtractor {

    /** Bars before the first usable feature vector: MACD's signal line needs 26 + 9, and a margin to settle. */
    public static final int WARMUP_BARS = 40;

    private FeatureExtractor() {
    }

    /** The indicators of every bar of a contiguous run. */
    public static List<Indicators> indicators(List<Bar> bars, Duration period) {
        BarSeries series = series(bars, period);
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        RSIIndicator rsi = new RSIIndicator(close, 14);
        EMAIndicator emaFast = new EMAIndicator(close, 9);
        EMAIndicator emaSlow = new EMAIndicator(close, 21);
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        EMAIndicator macdSignal = macd.getSignalLine(9);
        SMAIndicator sma20 = new SMAIndicator(close, 20);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(sma20);
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, 20);
        Num two = series.numFactory().numOf(2);
        BollingerBandsUpperIndicator upper = new BollingerBandsUpperIndicator(middle, deviation, two);
        BollingerBandsLowerIndicator lower = new BollingerBandsLowerIndicator(middle, deviation, two);
        ATRIndicator atr = new ATRIndicator(series, 14);
        ADXIndicator adx = new ADXIndicator(series, 14);
        PlusDIIndicator plusDi = new PlusDIIndicator(series, 14);
        MinusDIIndicator minusDi = new MinusDIIndicator(series, 14);
        boolean volumeKnown = bars.stream().allMatch(bar -> bar.volume() != null);
        VolumeIndicator volume = new VolumeIndicator(series);
        SMAIndicator averageVolume = new SMAIndicator(volume, 20);
        OnBalanceVolumeIndicator obv = new OnBalanceVolumeIndicator(series);

        List<Indicators> result = new ArrayList<>(bars.size());
        for (int i = 0; i < series.getBarCount(); i++) {
            double relativeVolume = Double.NaN;
            double obvChange = Double.NaN;
            if (volumeKnown && i >= 19) {
                double mean = value(averageVolume, i);
                relativeVolume = mean > 0 ? value(volume, i) / mean : Double.NaN;
                obvChange = i >= 10 && mean > 0 ? (value(obv, i) - value(obv, i - 10)) / (mean * 10) : Double.NaN;
            }
            result.add(new Indicators(value(close, i), value(rsi, i), value(emaFast, i), value(emaSlow, i),
                    value(macd, i), value(macdSignal, i), value(upper, i), value(middle, i), value(lower, i),
                    value(atr, i), value(adx, i), value(plusDi, i), value(minusDi, i), relativeVolume, obvChange));
        }
        return result;
    }

    /** Feature vectors for every bar of a contiguous run from {@link #WARMUP_BARS} on. */
    public static List<FeatureVector> features(List<Bar> bars, Duration period) {
        List<Indicators> indicators = indicators(bars, period);
        List<FeatureVector> vectors = new ArrayList<>();
        for (int i = WARMUP_BARS; i < bars.size(); i++) {
            vector(bars, indicators, i).ifPresent(vectors::add);
        }
        return vectors;
    }

    /** The feature vector of the last bar of a contiguous run, if the run is long enough. */
    public static Optional<FeatureVector> latest(List<Bar> bars, Duration period) {
        if (bars.size() <= WARMUP_BARS) {
            return Optional.empty();
        }
        return vector(bars, indicators(bars, period), bars.size() - 1);
    }

    private static Optional<FeatureVector> vector(List<Bar> bars, List<Indicators> all, int i) {
        Indicators now = all.get(i);
        Indicators before = all.get(i - 1);
        double close = now.close();
        boolean volumeKnown = !Double.isNaN(now.relativeVolume());
        double spread = (now.emaFast() - now.emaSlow()) / close;
        double previousSpread = (before.emaFast() - before.emaSlow()) / before.close();
        double cross = Math.signum(spread) != Math.signum(previousSpread) ? Math.signum(spread) : 0.0;
        double bandWidth = now.bollingerUpper() - now.bollingerLower();
        double[] values = {
                now.rsi() / 100.0,
                now.macd() / close,
                (now.macd() - now.macdSignal()) / close,
                spread,
                cross,
                bandWidth > 0 ? (close - now.bollingerLower()) / bandWidth : 0.5,
                bandWidth / now.bollingerMiddle(),
                now.atr() / close,
                now.adx() / 100.0,
                (now.plusDi() - now.minusDi()) / 100.0,
                Math.log(close / all.get(i - 1).close()),
                Math.log(close / all.get(i - 5).close()),
                volumeKnown && now.relativeVolume() > 0 ? Math.log(now.relativeVolume()) : 0.0,
                // a source without volume (CoinGecko OHLC) gets neutral volume features
                volumeKnown && !Double.isNaN(now.onBalanceVolumeChange()) ? now.onBalanceVolumeChange() : 0.0
        };
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return Optional.empty();
            }
        }
        if (!(now.atr() > 0)) {
            return Optional.empty();
        }
        return Optional.of(new FeatureVector(bars.get(i).time(), i, close, now.atr(), values));
    }

    static BarSeries series(List<Bar> bars, Duration period) {
        BarSeries series = new BaseBarSeriesBuilder().withNumFactory(DoubleNumFactory.getInstance()).build();
        for (Bar bar : bars) {
            series.barBuilder().timePeriod(period).beginTime(bar.time()).endTime(bar.time().plus(period))
                    .openPrice(bar.open().doubleValue()).highPrice(bar.high().doubleValue())
                    .lowPrice(bar.low().doubleValue()).closePrice(bar.close().doubleValue())
                    .volume(bar.volume() == null ? 0.0 : bar.volume().doubleValue())
                    .add();
        }
        return series;
    }

    private static double value(Indicator<Num> indicator, int index) {
        Num value = indicator.getValue(index);
        return Num.isNaNOrNull(value) ? Double.NaN : value.doubleValue();
    }
}
