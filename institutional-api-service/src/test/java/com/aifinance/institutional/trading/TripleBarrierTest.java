package com.aifinance.institutional.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.aifinance.institutional.marketdata.Bar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TripleBarrierTest {

    private static final BigDecimal ENTRY = new BigDecimal("100");
    private static final BigDecimal TARGET = new BigDecimal("102");
    private static final BigDecimal STOP = new BigDecimal("99");

    @Test
    void longReachingItsTargetFirstIsATargetFirstAtTheTarget() {
        var result = TripleBarrier.resolve(Direction.LONG, ENTRY, TARGET, STOP,
                List.of(bar(0, "100", "101", "99.5", "100.5"), bar(1, "100.5", "102.5", "100", "102")), 5).orElseThrow();
        assertThat(result.outcome()).isEqualTo(Outcome.TARGET_FIRST);
        assertThat(result.exitPrice()).isEqualByComparingTo("102");
        assertThat(result.returnPct()).isEqualByComparingTo("2");
        assertThat(result.barsHeld()).isEqualTo(2);
    }

    @Test
    void aBarTouchingBothBarriersCountsAsTheStop() {
        var result = TripleBarrier.resolve(Direction.LONG, ENTRY, TARGET, STOP,
                List.of(bar(0, "100", "103", "98", "101")), 5).orElseThrow();
        assertThat(result.outcome()).isEqualTo(Outcome.STOP_FIRST);
        assertThat(result.returnPct()).isEqualByComparingTo("-1");
    }

    @Test
    void aShortGainsWhenThePriceFallsToItsTarget() {
        var result = TripleBarrier.resolve(Direction.SHORT, ENTRY, new BigDecimal("98"), new BigDecimal("101"),
                List.of(bar(0, "99.5", "100", "97.5", "98")), 5).orElseThrow();
        assertThat(result.outcome()).isEqualTo(Outcome.TARGET_FIRST);
        assertThat(result.returnPct()).isEqualByComparingTo("2");
    }

    @Test
    void aGapThroughTheStopFillsAtTheOpenNotAtTheStop() {
        var result = TripleBarrier.resolve(Direction.LONG, ENTRY, TARGET, STOP,
                List.of(bar(0, "97", "97.5", "96", "97")), 5).orElseThrow();
        assertThat(result.outcome()).isEqualTo(Outcome.STOP_FIRST);
        assertThat(result.exitPrice()).isEqualByComparingTo("97");
    }

    @Test
    void neitherBarrierWithinTheHorizonClosesAtTheHorizonBarsClose() {
        var result = TripleBarrier.resolve(Direction.LONG, ENTRY, TARGET, STOP,
                List.of(bar(0, "100", "101", "99.5", "100.2"), bar(1, "100.2", "101", "99.5", "100.7"),
                        bar(2, "100.7", "101.9", "99.2", "101.5")), 2).orElseThrow();
        assertThat(result.outcome()).isEqualTo(Outcome.HORIZON);
        assertThat(result.exitPrice()).isEqualByComparingTo("100.7");
        assertThat(result.returnPct()).isEqualByComparingTo("0.7");
    }

    @Test
    void aTradeIsUnresolvedWhileTheHorizonHasNotPassed() {
        assertThat(TripleBarrier.resolve(Direction.LONG, ENTRY, TARGET, STOP,
                List.of(bar(0, "100", "101", "99.5", "100.2")), 3)).isEmpty();
    }

    @Test
    void barriersAreAtrMultiplesRoundedAwayFromTheEntry() {
        Barriers longBarriers = Barriers.of(Direction.LONG, 100.0, 1.234, 1.5, 1.0, 2);
        assertThat(longBarriers.entry()).isEqualByComparingTo("100.00");
        assertThat(longBarriers.target()).isEqualByComparingTo("101.86"); // 100 + 1.851 rounded up
        assertThat(longBarriers.stop()).isEqualByComparingTo("98.76"); // 100 - 1.234 rounded down
        Barriers shortBarriers = Barriers.of(Direction.SHORT, 100.0, 1.234, 1.5, 1.0, 2);
        assertThat(shortBarriers.target()).isEqualByComparingTo("98.14");
        assertThat(shortBarriers.stop()).isEqualByComparingTo("101.24");
    }

    private static Bar bar(int minute, String open, String high, String low, String close) {
        return new Bar(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(60L * minute), new BigDecimal(open),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), BigDecimal.TEN, "test");
    }
}
