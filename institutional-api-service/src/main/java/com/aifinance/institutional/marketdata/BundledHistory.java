package com.aifinance.institutional.marketdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Real market history that ships in the {@code org.ta4j:ta4j-examples:0.18} jar, so the service has real data with no
 * vendor key: Apple's 2013 daily bars, Bitstamp's BTC/USD trades of 25 Nov – 1 Dec 2013 (aggregated here into
 * 30-minute bars) and BinanceUS ETH/USD 5-minute bars of 13–15 Mar 2023 (aggregated into 30-minute bars).
 */
public final class BundledHistory {

    public static final String APPLE_RESOURCE = "appleinc_bars_from_20130101_usd.csv";
    public static final String BITSTAMP_RESOURCE = "bitstamp_trades_from_20131125_usd.csv";
    public static final String ETH_RESOURCE = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";

    /** A bundled instrument with its bars. */
    public record Series(Instrument instrument, List<Bar> bars) {
    }

    private BundledHistory() {
    }

    public static List<Series> all() {
        return List.of(
                new Series(instrument("AAPL", AssetClass.STOCK, "Apple Inc.", BarInterval.ONE_DAY,
                        TradingCalendar.WEEKDAYS, Map.of(), 2), appleDaily()),
                new Series(instrument("BTC-USD", AssetClass.CRYPTO, "Bitcoin", BarInterval.THIRTY_MINUTES,
                        TradingCalendar.ALWAYS, Map.of("coingecko", "bitcoin"), 2), bitstampThirtyMinutes()),
                new Series(instrument("ETH-USD", AssetClass.CRYPTO, "Ethereum", BarInterval.THIRTY_MINUTES,
                        TradingCalendar.ALWAYS, Map.of("coingecko", "ethereum"), 2), ethThirtyMinutes()));
    }

    private static Instrument instrument(String symbol, AssetClass assetClass, String name, BarInterval interval,
                                         TradingCalendar calendar, Map<String, String> providerSymbols, int scale) {
        return new Instrument(symbol, assetClass, name, "USD", false, "bundled", interval, calendar, providerSymbols,
                scale, true);
    }

    /** AAPL daily bars of 2013 ({@code date,open,high,low,close,volume}); a bar's time is its date at 00:00 UTC. */
    public static List<Bar> appleDaily() {
        String source = "ta4j-examples:" + APPLE_RESOURCE;
        List<Bar> bars = new ArrayList<>();
        for (String[] row : csv(APPLE_RESOURCE)) {
            bars.add(new Bar(LocalDate.parse(row[0]).atStartOfDay(ZoneOffset.UTC).toInstant(), new BigDecimal(row[1]),
                    new BigDecimal(row[2]), new BigDecimal(row[3]), new BigDecimal(row[4]), new BigDecimal(row[5]),
                    source));
        }
        return bars;
    }

    /**
     * Bitstamp trades ({@code timestamp,price,amount}) aggregated into 30-minute bars: open is the first trade, close
     * the last, volume the sum of amounts. The final period, cut off by the end of the file, is left out.
     */
    public static List<Bar> bitstampThirtyMinutes() {
        BarInterval interval = BarInterval.THIRTY_MINUTES;
        String source = "ta4j-examples:" + BITSTAMP_RESOURCE + " (Bitstamp trades, aggregated)";
        List<Bar> bars = new ArrayList<>();
        Instant periodStart = null;
        BigDecimal open = null, high = null, low = null, close = null, volume = null;
        Instant lastTrade = null;
        for (String[] row : csv(BITSTAMP_RESOURCE)) {
            Instant time = Instant.ofEpochSecond(Long.parseLong(row[0]));
            BigDecimal price = new BigDecimal(row[1]).stripTrailingZeros();
            BigDecimal amount = new BigDecimal(row[2]).stripTrailingZeros();
            Instant period = interval.periodStart(time);
            if (!period.equals(periodStart)) {
                if (periodStart != null) {
                    bars.add(new Bar(periodStart, open, high, low, close, volume, source));
                }
                periodStart = period;
                open = price;
                high = price;
                low = price;
                volume = BigDecimal.ZERO;
            }
            high = high.max(price);
            low = low.min(price);
            close = price;
            volume = volume.add(amount);
            lastTrade = time;
        }
        if (periodStart != null && !lastTrade.isBefore(periodStart.plus(interval.duration()).minusSeconds(1))) {
            bars.add(new Bar(periodStart, open, high, low, close, volume, source));
        }
        return bars;
    }

    /** ETH/USD 5-minute bars (stamped with their end time) aggregated into complete 30-minute bars. */
    public static List<Bar> ethThirtyMinutes() {
        BarInterval interval = BarInterval.THIRTY_MINUTES;
        String source = "ta4j-examples:" + ETH_RESOURCE + " (BinanceUS 5-minute bars, aggregated)";
        JsonNode root;
        try (InputStream in = resource(ETH_RESOURCE)) {
            root = ProviderHttp.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Bar> fiveMinute = new ArrayList<>();
        for (JsonNode candle : root.path("ohlc")) {
            Instant end = Instant.ofEpochMilli(candle.path("endTime").asLong() + 1);
            fiveMinute.add(new Bar(end.minus(Duration.ofMinutes(5)), Decimals.of(candle.get("openPrice")),
                    Decimals.of(candle.get("highPrice")), Decimals.of(candle.get("lowPrice")),
                    Decimals.of(candle.get("closePrice")), Decimals.of(candle.get("volume")), source));
        }
        List<Bar> bars = new ArrayList<>();
        int perBar = (int) (interval.duration().toMinutes() / 5);
        List<Bar> bucket = new ArrayList<>();
        for (Bar bar : fiveMinute) {
            if (!bucket.isEmpty() && !interval.periodStart(bar.time()).equals(interval.periodStart(bucket.getFirst().time()))) {
                aggregate(bucket, perBar, interval, source).ifPresent(bars::add);
                bucket.clear();
            }
            bucket.add(bar);
        }
        aggregate(bucket, perBar, interval, source).ifPresent(bars::add);
        return bars;
    }

    private static java.util.Optional<Bar> aggregate(List<Bar> bucket, int expected, BarInterval interval,
                                                     String source) {
        if (bucket.size() != expected) {
            return java.util.Optional.empty(); // an incomplete period is not a bar
        }
        BigDecimal high = bucket.stream().map(Bar::high).reduce(BigDecimal::max).orElseThrow();
        BigDecimal low = bucket.stream().map(Bar::low).reduce(BigDecimal::min).orElseThrow();
        BigDecimal volume = bucket.stream().map(Bar::volume).reduce(BigDecimal.ZERO, BigDecimal::add);
        return java.util.Optional.of(new Bar(interval.periodStart(bucket.getFirst().time()), bucket.getFirst().open(),
                high, low, bucket.getLast().close(), volume, source));
    }

    private static List<String[]> csv(String resource) {
        try (InputStream in = resource(resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(",")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BundledHistory.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("bundled market data " + name + " is not on the classpath (ta4j-examples 0.18)");
        }
        return in;
    }
}
