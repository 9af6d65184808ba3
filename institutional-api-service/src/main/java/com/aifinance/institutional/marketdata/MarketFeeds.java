package com.aifinance.institutional.marketdata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings bars in: the bundled history at first start, the simulated market every minute, and the vendors for live
 * instruments when they are configured. Every bar passes {@link BarQuality} before it is stored.
 */
@Component
public class MarketFeeds {

    private static final Logger log = LoggerFactory.getLogger(MarketFeeds.class);

    /** Real instruments refreshed from vendors (when a vendor serves them), with their vendor names. */
    static final List<Instrument> LIVE = List.of(
            live("AAPL", AssetClass.STOCK, "Apple Inc.", BarInterval.ONE_DAY, TradingCalendar.WEEKDAYS, Map.of(), 2),
            live("MSFT", AssetClass.STOCK, "Microsoft Corp.", BarInterval.ONE_DAY, TradingCalendar.WEEKDAYS, Map.of(), 2),
            live("SPY", AssetClass.STOCK, "SPDR S&P 500 ETF Trust", BarInterval.ONE_DAY, TradingCalendar.WEEKDAYS,
                    Map.of(), 2),
            live("EURUSD", AssetClass.FOREX, "Euro / US dollar", BarInterval.ONE_DAY, TradingCalendar.WEEKDAYS,
                    Map.of(YahooFinanceClient.NAME, "EURUSD=X"), 5),
            live("GBPUSD", AssetClass.FOREX, "Pound sterling / US dollar", BarInterval.ONE_DAY, TradingCalendar.WEEKDAYS,
                    Map.of(YahooFinanceClient.NAME, "GBPUSD=X"), 5),
            live("BTC-USD", AssetClass.CRYPTO, "Bitcoin", BarInterval.THIRTY_MINUTES, TradingCalendar.ALWAYS,
                    Map.of(CoinGeckoClient.NAME, "bitcoin"), 2),
            live("ETH-USD", AssetClass.CRYPTO, "Ethereum", BarInterval.THIRTY_MINUTES, TradingCalendar.ALWAYS,
                    Map.of(CoinGeckoClient.NAME, "ethereum"), 2));

    /** How far back a live instrument with no bars yet is filled from its vendor. */
    private static final int LIVE_BACKFILL_BARS = 100;

    private final InstrumentCatalog catalog;
    private final BarStore bars;
    private final MarketDataSource vendors;
    private final MarketDataProperties properties;
    private final SimulatedMarketProperties simulated;
    private final MeterRegistry meters;
    private final Clock clock;

    MarketFeeds(InstrumentCatalog catalog, BarStore bars, MarketDataSource vendors, MarketDataProperties properties,
                SimulatedMarketProperties simulated, MeterRegistry meters, Clock clock) {
        this.catalog = catalog;
        this.bars = bars;
        this.vendors = vendors;
        this.properties = properties;
        this.simulated = simulated;
        this.meters = meters;
        this.clock = clock;
    }

    private static Instrument live(String symbol, AssetClass assetClass, String name, BarInterval interval,
                                   TradingCalendar calendar, Map<String, String> providerSymbols, int scale) {
        return new Instrument(symbol, assetClass, name, "USD", false, "provider", interval, calendar, providerSymbols,
                scale, true);
    }

    /** Loads the bundled real history once: instruments that already have bars are left alone. */
    public int loadBundledHistory() {
        int stored = 0;
        for (BundledHistory.Series series : BundledHistory.all()) {
            Instrument instrument = series.instrument();
            if (catalog.find(instrument.symbol()).isPresent()
                    && bars.count(instrument.symbol(), instrument.barInterval()) > 0) {
                continue;
            }
            catalog.save(instrument);
            stored += store(instrument, series.bars());
        }
        return stored;
    }

    /** Adds the simulated instruments and generates their bars up to the last completed minute. */
    public int advanceSimulatedMarket() {
        if (!simulated.enabled()) {
            return 0;
        }
        Instant lastComplete = SimulatedMarket.INTERVAL.periodStart(clock.instant()).minus(SimulatedMarket.INTERVAL.duration());
        int stored = 0;
        for (SimulatedMarket.Spec spec : SimulatedMarket.SPECS) {
            Instrument instrument = spec.instrument();
            if (catalog.find(instrument.symbol()).isEmpty()) {
                catalog.save(instrument);
            }
            List<Bar> tail = bars.latest(instrument.symbol(), SimulatedMarket.INTERVAL, 2);
            Instant backfillStart = lastComplete.minus(SimulatedMarket.INTERVAL.duration()
                    .multipliedBy(simulated.backfillBars() - 1L));
            Bar previous = tail.isEmpty() ? null : tail.getLast();
            Bar beforePrevious = tail.size() < 2 ? null : tail.getFirst();
            if (previous != null && previous.time().isBefore(backfillStart)) {
                // after a long pause the market resumes at the backfill window: the pause stays a visible gap
                previous = new Bar(backfillStart.minus(SimulatedMarket.INTERVAL.duration()), previous.open(),
                        previous.high(), previous.low(), previous.close(), previous.volume(), previous.source());
                beforePrevious = null;
            }
            Instant next = previous == null ? backfillStart : previous.time().plus(SimulatedMarket.INTERVAL.duration());
            long missing = Duration.between(next, lastComplete).dividedBy(SimulatedMarket.INTERVAL.duration()) + 1;
            if (missing <= 0) {
                continue;
            }
            stored += store(instrument, SimulatedMarket.continueSeries(spec, beforePrevious, previous, backfillStart,
                    (int) missing));
        }
        return stored;
    }

    /** Refreshes live instruments from the vendors; with no vendor configured nothing is called. */
    public int refreshLiveInstruments() {
        Set<String> wanted = Set.copyOf(properties.liveSymbols());
        int stored = 0;
        for (Instrument definition : LIVE) {
            if (!wanted.contains(definition.symbol()) || !vendors.covers(definition)) {
                continue;
            }
            Instrument instrument = catalog.find(definition.symbol())
                    .filter(existing -> existing.barInterval() == definition.barInterval())
                    .map(existing -> new Instrument(existing.symbol(), existing.assetClass(), existing.name(),
                            existing.currency(), false, "provider", existing.barInterval(), existing.calendar(),
                            definition.providerSymbols(), existing.priceScale(), true))
                    .orElse(definition);
            catalog.save(instrument);
            Instant since = bars.lastBarTime(instrument.symbol(), instrument.barInterval())
                    .filter(last -> last.isAfter(clock.instant().minus(instrument.barInterval().duration()
                            .multipliedBy(LIVE_BACKFILL_BARS * 2L))))
                    .orElse(clock.instant().minus(instrument.barInterval().duration().multipliedBy(LIVE_BACKFILL_BARS)));
            MarketDataSource.Fetched fetched = vendors.fetch(instrument, since);
            if (!fetched.succeeded()) {
                log.warn("No vendor delivered {}: {}", instrument.symbol(), fetched.failures());
                continue;
            }
            stored += store(instrument, fetched.bars());
        }
        return stored;
    }

    /** Cleans and stores bars; rejected ones are logged and counted, never stored. */
    int store(Instrument instrument, List<Bar> raw) {
        BarQuality.Cleaned cleaned = BarQuality.clean(raw);
        for (BarQuality.Rejection rejection : cleaned.rejections()) {
            log.warn("Bar of {} at {} rejected: {}", instrument.symbol(), rejection.time(), rejection.reason());
            meters.counter("market_data_bars_rejected_total", "reason", rejection.reason()).increment();
        }
        int written = bars.save(instrument.symbol(), instrument.barInterval(), cleaned.bars());
        meters.counter("market_data_bars_stored_total", "asset_class", instrument.assetClass().code(),
                "simulated", String.valueOf(instrument.simulated())).increment(written);
        return written;
    }
}
