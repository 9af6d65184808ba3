package com.aifinance.institutional.features;

import java.time.Duration;
import java.util.List;

import com.aifinance.institutional.marketdata.Bar;
import com.aifinance.institutional.marketdata.BundledHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The indicators ta4j computes for the model, checked against the textbook formulas written out here by hand (with
 * ta4j's documented seeding: an EMA or Wilder average starts at its input value on the first bar after its warm-up),
 * on Apple's real 2013 daily bars.
 */
class IndicatorReferenceTest {

    private static List<Bar> bars;
    private static List<Indicators> computed;
    private static double[] close;
    private static double[] high;
    private static double[] low;

    @BeforeAll
    static void computeOnAppleBars() {
        bars = BundledHistory.appleDaily();
        computed = FeatureExtractor.indicators(bars, Duration.ofDays(1));
        int n = bars.size();
        close = new double[n];
        high = new double[n];
        low = new double[n];
        for (int i = 0; i < n; i++) {
            close[i] = bars.get(i).close().doubleValue();
            high[i] = bars.get(i).high().doubleValue();
            low[i] = bars.get(i).low().doubleValue();
        }
    }

    @Test
    void emaMatchesTheRecursiveFormula() {
        double[] ema9 = ema(close, 9);
        double[] ema21 = ema(close, 21);
        for (int i : new int[]{21, 40, 100, 251}) {
            assertThat(computed.get(i).emaFast()).isCloseTo(ema9[i], within(1e-9));
            assertThat(computed.get(i).emaSlow()).isCloseTo(ema21[i], within(1e-9));
        }
        assertThat(computed.get(5).emaFast()).isNaN();
    }

    @Test
    void rsiMatchesWildersFormula() {
        double[] gain = new double[close.length];
        double[] loss = new double[close.length];
        for (int i = 1; i < close.length; i++) {
            gain[i] = Math.max(0, close[i] - close[i - 1]);
            loss[i] = Math.max(0, close[i - 1] - close[i]);
        }
        double[] averageGain = wilder(gain, 14);
        double[] averageLoss = wilder(loss, 14);
        for (int i : new int[]{14, 30, 120, 251}) {
            double expected = 100 - 100 / (1 + averageGain[i] / averageLoss[i]);
            assertThat(computed.get(i).rsi()).isCloseTo(expected, within(1e-9));
            assertThat(computed.get(i).rsi()).isBetween(0.0, 100.0);
        }
    }

    @Test
    void macdAndItsSignalLineMatchTheirEmas() {
        double[] ema12 = ema(close, 12);
        double[] ema26 = ema(close, 26);
        double[] macd = new double[close.length];
        for (int i = 0; i < close.length; i++) {
            macd[i] = ema12[i] - ema26[i];
        }
        double[] signal = new double[close.length];
        for (int i = 0; i < close.length; i++) {
            signal[i] = i < 26 ? Double.NaN : i == 26 ? macd[i] : signal[i - 1] + 2.0 / 10 * (macd[i] - signal[i - 1]);
        }
        for (int i : new int[]{26, 50, 200}) {
            assertThat(computed.get(i).macd()).isCloseTo(macd[i], within(1e-9));
            assertThat(computed.get(i).macdSignal()).isCloseTo(signal[i], within(1e-9));
        }
    }

    @Test
    void bollingerBandsAreTheSmaPlusMinusTwoPopulationDeviations() {
        for (int i : new int[]{19, 60, 251}) {
            double mean = 0;
            for (int k = i - 19; k <= i; k++) {
                mean += close[k] / 20;
            }
            double variance = 0;
            for (int k = i - 19; k <= i; k++) {
                variance += (close[k] - mean) * (close[k] - mean) / 20;
            }
            double deviation = Math.sqrt(variance);
            assertThat(computed.get(i).bollingerMiddle()).isCloseTo(mean, within(1e-9));
            assertThat(computed.get(i).bollingerUpper()).isCloseTo(mean + 2 * deviation, within(1e-9));
            assertThat(computed.get(i).bollingerLower()).isCloseTo(mean - 2 * deviation, within(1e-9));
        }
    }

    @Test
    void atrIsWildersAverageOfTheTrueRange() {
        double[] atr = wilder(trueRange(), 14);
        for (int i : new int[]{14, 77, 251}) {
            assertThat(computed.get(i).atr()).isCloseTo(atr[i], within(1e-9));
        }
    }

    @Test
    void adxAndTheDirectionalIndicatorsMatchWildersDefinitions() {
        int n = close.length;
        double[] plusDm = new double[n];
        double[] minusDm = new double[n];
        for (int i = 1; i < n; i++) {
            double up = high[i] - high[i - 1];
            double down = low[i - 1] - low[i];
            plusDm[i] = up > down && up > 0 ? up : 0;
            minusDm[i] = down > up && down > 0 ? down : 0;
        }
        double[] atr = wilder(trueRange(), 14);
        double[] averagePlus = wilder(plusDm, 14);
        double[] averageMinus = wilder(minusDm, 14);
        double[] dx = new double[n];
        double[] plusDi = new double[n];
        double[] minusDi = new double[n];
        for (int i = 0; i < n; i++) {
            plusDi[i] = averagePlus[i] / atr[i] * 100;
            minusDi[i] = averageMinus[i] / atr[i] * 100;
            dx[i] = Math.abs(plusDi[i] - minusDi[i]) / (plusDi[i] + minusDi[i]) * 100;
        }
        double[] adx = wilder(dx, 14);
        for (int i : new int[]{28, 90, 251}) {
            assertThat(computed.get(i).plusDi()).isCloseTo(plusDi[i], within(1e-9));
            assertThat(computed.get(i).minusDi()).isCloseTo(minusDi[i], within(1e-9));
            assertThat(computed.get(i).adx()).isCloseTo(adx[i], within(1e-9));
        }
    }

    @Test
    void relativeVolumeIsVolumeOverItsTwentyBarAverage() {
        int i = 120;
        double mean = 0;
        for (int k = i - 19; k <= i; k++) {
            mean += bars.get(k).volume().doubleValue() / 20;
        }
        assertThat(computed.get(i).relativeVolume()).isCloseTo(bars.get(i).volume().doubleValue() / mean, within(1e-9));
    }

    private static double[] trueRange() {
        double[] tr = new double[close.length];
        tr[0] = high[0] - low[0];
        for (int i = 1; i < close.length; i++) {
            tr[i] = Math.max(high[i] - low[i], Math.max(Math.abs(high[i] - close[i - 1]), Math.abs(close[i - 1] - low[i])));
        }
        return tr;
    }

    /** EMA with multiplier 2 / (n + 1), undefined for the first n bars and seeded with the input at bar n. */
    private static double[] ema(double[] x, int n) {
        return smoothed(x, n, 2.0 / (n + 1));
    }

    /** Wilder's moving average (multiplier 1 / n), seeded the same way. */
    private static double[] wilder(double[] x, int n) {
        return smoothed(x, n, 1.0 / n);
    }

    private static double[] smoothed(double[] x, int n, double k) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (i < n || Double.isNaN(x[i])) {
                out[i] = Double.NaN;
            } else if (Double.isNaN(out[i - 1])) {
                out[i] = x[i];
            } else {
                out[i] = out[i - 1] + k * (x[i] - out[i - 1]);
            }
        }
        return out;
    }
}
