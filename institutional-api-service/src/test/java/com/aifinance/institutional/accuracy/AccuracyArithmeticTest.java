package com.aifinance.institutional.accuracy;

import java.math.BigDecimal;
import java.util.List;

import com.aifinance.institutional.trading.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AccuracyArithmeticTest {

    /*
     * Hand computation, 14 hits out of 20, z = 1.959964 (z² = 3.841459):
     *   p = 0.7; z²/n = 0.19207; denominator 1 + 0.19207 = 1.19207
     *   centre = (0.7 + 3.841459 / 40) / 1.19207 = 0.796036 / 1.19207 = 0.667777
     *   half   = 1.959964 × √(0.7 × 0.3 / 20 + 3.841459 / 1600) / 1.19207
     *          = 1.959964 × √(0.0105 + 0.002401) / 1.19207 = 1.959964 × 0.113582 / 1.19207 = 0.186747
     *   interval = [0.481030, 0.854524]
     */
    @Test
    void wilsonIntervalOfFourteenOutOfTwentyMatchesTheHandComputation() {
        WilsonInterval interval = WilsonInterval.of(14, 20);
        assertThat(interval.low()).isCloseTo(0.481030, within(1e-5));
        assertThat(interval.high()).isCloseTo(0.854524, within(1e-5));
    }

    @Test
    void wilsonIntervalStaysInsideZeroAndOneAtTheExtremes() {
        WilsonInterval none = WilsonInterval.of(0, 5);
        assertThat(none.low()).isZero();
        // 0 of 5: high = (0 + z²/10) / (1 + z²/5) + z·√(z²/100)/(1 + z²/5) = 2 · 0.384146 / 1.768292 = 0.434482
        assertThat(none.high()).isCloseTo(0.434482, within(1e-5));
        assertThat(WilsonInterval.of(5, 5).high()).isEqualTo(1.0);
    }

    @Test
    void noIntervalWithoutASample() {
        assertThat(WilsonInterval.of(0, 0)).isNull();
    }

    /*
     * Five trades in resolution order: +2 % (target), −1 % (stop), +3 % (target), −1.5 % (stop), +0.5 % (horizon).
     *   accuracy = 2 / 5 = 0.4 (the positive horizon exit is not a hit); win rate = 3 / 5 = 0.6
     *   profit factor = (2 + 3 + 0.5) / (1 + 1.5) = 2.2; expectancy = 3 / 5 = 0.6 %
     *   equity: 1.02, 1.0098, 1.040094, 1.024493, 1.029615; peak 1.040094, trough after it 1.024493
     *   max drawdown = (1.040094 − 1.024493) / 1.040094 = 1.5 %
     */
    @Test
    void tradeStatisticsMatchTheHandComputedExample() {
        TradeStatistics statistics = TradeStatistics.of(List.of(
                trade(Outcome.TARGET_FIRST, "2"), trade(Outcome.STOP_FIRST, "-1"), trade(Outcome.TARGET_FIRST, "3"),
                trade(Outcome.STOP_FIRST, "-1.5"), trade(Outcome.HORIZON, "0.5")));
        assertThat(statistics.sampleSize()).isEqualTo(5);
        assertThat(statistics.targetFirst()).isEqualTo(2);
        assertThat(statistics.stopFirst()).isEqualTo(2);
        assertThat(statistics.horizon()).isEqualTo(1);
        assertThat(statistics.accuracy()).isEqualTo(0.4);
        assertThat(statistics.winRate()).isEqualTo(0.6);
        assertThat(statistics.profitFactor()).isCloseTo(2.2, within(1e-12));
        assertThat(statistics.expectancyPct()).isCloseTo(0.6, within(1e-12));
        assertThat(statistics.maxDrawdownPct()).isCloseTo(1.5, within(1e-9));
        assertThat(statistics.accuracyInterval()).isEqualTo(WilsonInterval.of(2, 5));
    }

    @Test
    void withoutResolvedTradesThereIsNoAccuracyFigureButAZeroSampleSize() {
        TradeStatistics statistics = TradeStatistics.of(List.of());
        assertThat(statistics.sampleSize()).isZero();
        assertThat(statistics.accuracy()).isNull();
        assertThat(statistics.accuracyInterval()).isNull();
        assertThat(statistics.profitFactor()).isNull();
    }

    private static TradeStatistics.Trade trade(Outcome outcome, String returnPct) {
        return new TradeStatistics.Trade(outcome, new BigDecimal(returnPct));
    }
}
