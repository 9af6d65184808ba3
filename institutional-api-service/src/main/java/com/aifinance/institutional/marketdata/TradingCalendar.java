package com.aifinance.institutional.marketdata;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * When an instrument trades, which decides whether two consecutive bars leave a gap. Stocks and forex trade on
 * weekdays (a single missing weekday is a market holiday, not a gap); crypto trades always.
 */
public enum TradingCalendar {
    WEEKDAYS("weekdays"), ALWAYS("always");

    /** Weekday bars that may be missing between two daily bars without it being a gap (a market holiday). */
    static final int HOLIDAY_TOLERANCE = 1;

    private final String code;

    TradingCalendar(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static TradingCalendar of(String code) {
        for (TradingCalendar value : values()) {
            if (value.code.equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown calendar " + code);
    }

    /** Whether {@code next} follows {@code previous} without missing data in between. */
    public boolean contiguous(Instant previous, Instant next, BarInterval interval) {
        if (!next.isAfter(previous)) {
            return false;
        }
        int missing = 0;
        Instant slot = previous.plus(interval.duration());
        while (slot.isBefore(next)) {
            if (trades(slot)) {
                missing++;
                if (missing > tolerance(interval)) {
                    return false;
                }
            }
            slot = slot.plus(interval.duration());
        }
        return slot.equals(next);
    }

    /** Whether the market is open at the start of a bar period. */
    public boolean trades(Instant slot) {
        if (this == ALWAYS) {
            return true;
        }
        DayOfWeek day = slot.atZone(ZoneOffset.UTC).getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    private int tolerance(BarInterval interval) {
        return this == WEEKDAYS && interval == BarInterval.ONE_DAY ? HOLIDAY_TOLERANCE : 0;
    }
}
