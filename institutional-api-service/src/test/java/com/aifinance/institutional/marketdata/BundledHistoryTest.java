package com.aifinance.institutional.marketdata;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BundledHistoryTest {

    @Test
    void appleHasEveryTradingDayOf2013() {
        List<Bar> bars = BundledHistory.appleDaily();
        assertThat(bars).hasSize(252);
        Bar first = bars.getFirst();
        assertThat(first.time()).isEqualTo(Instant.parse("2013-01-02T00:00:00Z"));
        assertThat(first.open()).isEqualByComparingTo("553.82");
        assertThat(first.close()).isEqualByComparingTo("549.03");
        assertThat(first.volume()).isEqualByComparingTo("20018500");
        assertThat(BarQuality.clean(bars).rejections()).isEmpty();
    }

    @Test
    void bitstampTradesAggregateIntoThirtyMinuteBarsWithoutThePartialLastPeriod() throws Exception {
        List<Bar> bars = BundledHistory.bitstampThirtyMinutes();
        // recompute the first bar straight from the trades file
        BigDecimal open = null, high = null, low = null, close = null, volume = BigDecimal.ZERO;
        long lastTrade = 0;
        try (var reader = new BufferedReader(new InputStreamReader(getClass().getClassLoader()
                .getResourceAsStream(BundledHistory.BITSTAMP_RESOURCE), StandardCharsets.UTF_8))) {
            for (String line : reader.lines().skip(1).toList()) {
                String[] row = line.split(",");
                long time = Long.parseLong(row[0]);
                lastTrade = time;
                if (time >= 1385337600L + 1800) {
                    continue;
                }
                BigDecimal price = new BigDecimal(row[1]);
                open = open == null ? price : open;
                high = high == null || price.compareTo(high) > 0 ? price : high;
                low = low == null || price.compareTo(low) < 0 ? price : low;
                close = price;
                volume = volume.add(new BigDecimal(row[2]));
            }
        }
        Bar first = bars.getFirst();
        assertThat(first.time()).isEqualTo(Instant.ofEpochSecond(1385337600L));
        assertThat(first.open()).isEqualByComparingTo(open);
        assertThat(first.high()).isEqualByComparingTo(high);
        assertThat(first.low()).isEqualByComparingTo(low);
        assertThat(first.close()).isEqualByComparingTo(close);
        assertThat(first.volume()).isEqualByComparingTo(volume);
        assertThat(bars.getLast().time().plusSeconds(1800)).isBeforeOrEqualTo(Instant.ofEpochSecond(lastTrade));
        assertThat(BarQuality.contiguousSegments(bars, BarInterval.THIRTY_MINUTES, TradingCalendar.ALWAYS)).hasSize(1);
        assertThat(BarQuality.clean(bars).rejections()).isEmpty();
    }

    @Test
    void ethFiveMinuteBarsAggregateIntoCompleteThirtyMinuteBars() {
        List<Bar> bars = BundledHistory.ethThirtyMinutes();
        assertThat(bars).hasSize(96);
        assertThat(bars).allSatisfy(bar -> assertThat(bar.time().getEpochSecond() % 1800).isZero());
        assertThat(BarQuality.clean(bars).rejections()).isEmpty();
    }

    @Test
    void simulatedBarsAreSoundAndReproducible() {
        SimulatedMarket.Spec spec = SimulatedMarket.SPECS.getFirst();
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        List<Bar> once = SimulatedMarket.continueSeries(spec, null, null, start, 300);
        List<Bar> again = SimulatedMarket.continueSeries(spec, null, null, start, 300);
        assertThat(once).isEqualTo(again);
        assertThat(BarQuality.clean(once).rejections()).isEmpty();
        List<Bar> continued = SimulatedMarket.continueSeries(spec, once.get(148), once.get(149), null, 150);
        assertThat(continued.getFirst().time()).isEqualTo(once.get(150).time());
        assertThat(spec.instrument().simulated()).isTrue();
    }
}
