package com.aifinance.institutional.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Target and stop of a trade: {@code targetAtr} and {@code stopAtr} average true ranges away from the entry, rounded
 * to the instrument's price scale (away from the entry for the target, towards the entry never).
 */
public record Barriers(BigDecimal entry, BigDecimal target, BigDecimal stop) {

    public static Barriers of(Direction direction, double entry, double atr, double targetAtr, double stopAtr,
                              int scale) {
        BigDecimal entryPrice = BigDecimal.valueOf(entry).setScale(scale, RoundingMode.HALF_EVEN);
        BigDecimal up = BigDecimal.valueOf(entry + (direction == Direction.LONG ? targetAtr : stopAtr) * atr);
        BigDecimal down = BigDecimal.valueOf(entry - (direction == Direction.LONG ? stopAtr : targetAtr) * atr);
        BigDecimal upper = up.setScale(scale, RoundingMode.CEILING);
        BigDecimal lower = down.setScale(scale, RoundingMode.FLOOR);
        BigDecimal tick = BigDecimal.ONE.movePointLeft(scale);
        if (upper.compareTo(entryPrice) <= 0) {
            upper = entryPrice.add(tick);
        }
        if (lower.compareTo(entryPrice) >= 0) {
            lower = entryPrice.subtract(tick);
        }
        return direction == Direction.LONG ? new Barriers(entryPrice, upper, lower) : new Barriers(entryPrice, lower, upper);
    }

    public boolean valid() {
        return entry.signum() > 0 && target.signum() > 0 && stop.signum() > 0;
    }
}
