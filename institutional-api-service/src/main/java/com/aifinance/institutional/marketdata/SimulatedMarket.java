package com.aifinance.institutional.marketdata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simulated market of one-minute bars: log returns follow an AR(1) process (a little momentum, so a model has
 * something to find) with Gaussian shocks drawn from a generator seeded by the symbol and the bar's time, so a bar is
 * the same however often it is regenerated. It is a toy for breadth and a live demo flow, flagged everywhere.
 */
public final class SimulatedMarket {

    static final String SOURCE = "simulated";
    static final BarInterval INTERVAL = BarInterval.ONE_MINUTE;

    /** One simulated instrument and the parameters of its process. */
    public record Spec(Instrument instrument, double startPrice, double volatility, double momentum,
                       double baseVolume) {
    }

    public static final List<Spec> SPECS = List.of(
            spec("SIM-STK-A", AssetClass.STOCK, "Simulated stock A", 2, 100.0, 0.0012, 0.12, 50_000),
            spec("SIM-STK-B", AssetClass.STOCK, "Simulated stock B", 2, 42.0, 0.0018, 0.08, 80_000),
            spec("SIM-CRY-A", AssetClass.CRYPTO, "Simulated coin A", 2, 30_000.0, 0.0030, 0.10, 12),
            spec("SIM-FX-A", AssetClass.FOREX, "Simulated currency pair A", 5, 1.10, 0.0003, 0.10, 1_000_000),
            spec("SIM-FX-B", AssetClass.FOREX, "Simulated currency pair B", 3, 150.0, 0.0004, 0.06, 1_000_000));

    private SimulatedMarket() {
    }

    private static Spec spec(String symbol, AssetClass assetClass, String name, int scale, double start,
                             double volatility, double momentum, double volume) {
        return new Spec(new Instrument(symbol, assetClass, name, "USD", true, SOURCE, INTERVAL, TradingCalendar.ALWAYS,
                Map.of(), scale, true), start, volatility, momentum, volume);
    }

    /**
     * The bars after {@code previous} (and the bar before it, for the last return) up to {@code count} bars.
     *
     * @param beforePrevious the bar before {@code previous}, or null
     * @param previous       the last bar so far, or null to start the series at {@code firstTime}
     */
    public static List<Bar> continueSeries(Spec spec, Bar beforePrevious, Bar previous, Instant firstTime, int count) {
        List<Bar> bars = new ArrayList<>(count);
        double lastClose = previous == null ? spec.startPrice() : previous.close().doubleValue();
        double lastReturn = previous == null || beforePrevious == null ? 0.0
                : Math.log(previous.close().doubleValue() / beforePrevious.close().doubleValue());
        Instant time = previous == null ? firstTime : previous.time().plus(INTERVAL.duration());
        int scale = spec.instrument().priceScale();
        double tick = Math.pow(10, -scale);
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(spec.instrument().symbol().hashCode() * 31L
                    + time.getEpochSecond());
            double shock = gaussian(random);
            double logReturn = spec.momentum() * lastReturn + spec.volatility() * shock;
            double open = Math.max(tick, lastClose * (1 + spec.volatility() * 0.1 * gaussian(random)));
            double close = Math.max(tick, open * Math.exp(logReturn));
            double high = Math.max(open, close) * (1 + Math.abs(gaussian(random)) * spec.volatility() * 0.5);
            double low = Math.min(open, close) * (1 - Math.abs(gaussian(random)) * spec.volatility() * 0.5);
            double volume = spec.baseVolume() * Math.exp(0.3 * gaussian(random))
                    * (1 + Math.abs(logReturn) / spec.volatility());
            BigDecimal o = round(open, scale);
            BigDecimal c = round(close, scale);
            BigDecimal h = round(high, scale).max(o).max(c);
            BigDecimal l = round(low, scale).max(BigDecimal.valueOf(tick)).min(o).min(c);
            bars.add(new Bar(time, o, h, l, c, round(volume, 2), SOURCE));
            lastReturn = Math.log(c.doubleValue() / lastClose);
            lastClose = c.doubleValue();
            time = time.plus(INTERVAL.duration());
        }
        return bars;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator default, keep it explicit
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static BigDecimal round(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN);
    }
}
