package com.aifinance.institutional.trading;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.aifinance.institutional.marketdata.Bar;

/**
 * The triple-barrier rule that both labels the training data and resolves live signals, so what the model learns is
 * exactly what it is judged by: an upper and a lower price barrier and a time barrier of {@code horizonBars} bars
 * after the entry bar. A bar touching both price barriers counts as the stop.
 */
public final class TripleBarrier {

    /** How a trade ended. {@code returnPct} is signed for the trade's direction, in percent of the entry. */
    public record Resolution(Outcome outcome, Instant exitTime, BigDecimal exitPrice, BigDecimal returnPct,
                             int barsHeld) {
    }

    private TripleBarrier() {
    }

    /**
     * Resolves a trade entered at the close of the bar before {@code following}; empty while neither barrier was
     * reached and fewer than {@code horizonBars} bars have passed.
     */
    public static Optional<Resolution> resolve(Direction direction, BigDecimal entry, BigDecimal target,
                                               BigDecimal stop, List<Bar> following, int horizonBars) {
        int bars = Math.min(horizonBars, following.size());
        for (int i = 0; i < bars; i++) {
            Bar bar = following.get(i);
            boolean long_ = direction == Direction.LONG;
            boolean stopHit = long_ ? bar.low().compareTo(stop) <= 0 : bar.high().compareTo(stop) >= 0;
            boolean targetHit = long_ ? bar.high().compareTo(target) >= 0 : bar.low().compareTo(target) <= 0;
            if (stopHit) {
                // a bar that opens beyond the stop fills at its open, not at the stop
                BigDecimal exit = long_ ? bar.open().min(stop) : bar.open().max(stop);
                return Optional.of(resolution(direction, Outcome.STOP_FIRST, entry, exit, bar.time(), i + 1));
            }
            if (targetHit) {
                BigDecimal exit = long_ ? bar.open().max(target) : bar.open().min(target);
                return Optional.of(resolution(direction, Outcome.TARGET_FIRST, entry, exit, bar.time(), i + 1));
            }
        }
        if (following.size() >= horizonBars) {
            Bar last = following.get(horizonBars - 1);
            return Optional.of(resolution(direction, Outcome.HORIZON, entry, last.close(), last.time(), horizonBars));
        }
        return Optional.empty();
    }

    /** A trade closed at the horizon with fewer bars than expected (the data stopped): at the last known close. */
    public static Resolution closeAtHorizon(Direction direction, BigDecimal entry, BigDecimal exit, Instant exitTime,
                                            int barsHeld) {
        return resolution(direction, Outcome.HORIZON, entry, exit, exitTime, barsHeld);
    }

    public static BigDecimal returnPct(Direction direction, BigDecimal entry, BigDecimal exit) {
        BigDecimal change = direction == Direction.LONG ? exit.subtract(entry) : entry.subtract(exit);
        return change.multiply(BigDecimal.valueOf(100)).divide(entry, MathContext.DECIMAL64)
                .setScale(6, RoundingMode.HALF_EVEN);
    }

    private static Resolution resolution(Direction direction, Outcome outcome, BigDecimal entry, BigDecimal exit,
                                         Instant time, int barsHeld) {
        return new Resolution(outcome, time, exit, returnPct(direction, entry, exit), barsHeld);
    }
}
