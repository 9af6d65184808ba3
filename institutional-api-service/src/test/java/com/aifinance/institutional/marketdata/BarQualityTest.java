package com.aifinance.institutional.marketdata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BarQualityTest {

    @Test
    void aBarDeliveredTwiceWithTheSameValuesIsKeptOnce() {
        var cleaned = BarQuality.clean(List.of(bar("2026-01-05", "10"), bar("2026-01-05", "10.0"), bar("2026-01-06", "11")));
        assertThat(cleaned.bars()).extracting(Bar::time)
                .containsExactly(day("2026-01-05"), day("2026-01-06"));
        assertThat(cleaned.rejections()).isEmpty();
    }

    @Test
    void aBarDeliveredTwiceWithDifferentValuesIsRejectedEntirely() {
        var cleaned = BarQuality.clean(List.of(bar("2026-01-05", "10"), bar("2026-01-05", "12"), bar("2026-01-06", "11")));
        assertThat(cleaned.bars()).extracting(Bar::time).containsExactly(day("2026-01-06"));
        assertThat(cleaned.rejections()).extracting(BarQuality.Rejection::reason)
                .containsExactly("duplicated with different values");
    }

    @Test
    void corruptBarsAreRejectedWithTheirReason() {
        Bar highBelowLow = new Bar(day("2026-01-05"), new BigDecimal("10"), new BigDecimal("9"), new BigDecimal("11"),
                new BigDecimal("10"), BigDecimal.ONE, "test");
        Bar missingClose = new Bar(day("2026-01-06"), new BigDecimal("10"), new BigDecimal("11"), new BigDecimal("9"),
                null, BigDecimal.ONE, "test");
        Bar negative = new Bar(day("2026-01-07"), new BigDecimal("-1"), new BigDecimal("11"), new BigDecimal("9"),
                new BigDecimal("10"), BigDecimal.ONE, "test");
        var cleaned = BarQuality.clean(List.of(highBelowLow, missingClose, negative, bar("2026-01-08", "10")));
        assertThat(cleaned.bars()).hasSize(1);
        assertThat(cleaned.rejections()).extracting(BarQuality.Rejection::reason)
                .containsExactly("inconsistent OHLC", "missing field", "non-positive price");
    }

    @Test
    void aGapSplitsTheSeriesButAWeekendAndAHolidayDoNot() {
        // Fri 2 Jan, Mon 5 Jan (weekend), Wed 7 Jan (Tue 6 a holiday), then Tue 13 Jan (three weekdays missing)
        List<Bar> bars = List.of(bar("2026-01-02", "10"), bar("2026-01-05", "10"), bar("2026-01-07", "10"),
                bar("2026-01-13", "10"), bar("2026-01-14", "10"));
        var segments = BarQuality.contiguousSegments(bars, BarInterval.ONE_DAY, TradingCalendar.WEEKDAYS);
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0)).hasSize(3);
        assertThat(BarQuality.latestContiguousRun(bars, BarInterval.ONE_DAY, TradingCalendar.WEEKDAYS)).hasSize(2);
    }

    @Test
    void oneMissingMinuteIsAGapInAMarketThatNeverCloses() {
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        List<Bar> bars = List.of(at(t), at(t.plusSeconds(60)), at(t.plusSeconds(180)));
        assertThat(BarQuality.contiguousSegments(bars, BarInterval.ONE_MINUTE, TradingCalendar.ALWAYS)).hasSize(2);
    }

    private static Instant day(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }

    private static Bar bar(String date, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Bar(day(date), c, c.add(BigDecimal.ONE), c.subtract(BigDecimal.ONE), c, BigDecimal.TEN, "test");
    }

    private static Bar at(Instant time) {
        return new Bar(time, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE, "test");
    }
}
