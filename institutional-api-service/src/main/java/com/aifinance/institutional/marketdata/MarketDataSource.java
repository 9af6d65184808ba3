package com.aifinance.institutional.marketdata;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the vendors for an instrument's bars, primary first (Alpha Vantage for stocks and forex, CoinGecko for crypto),
 * then the backup (Yahoo Finance), answering from the Redis cache when it can. Bars whose period has not ended yet are
 * left out: a half-formed bar is not a bar.
 */
public class MarketDataSource {

    private static final Logger log = LoggerFactory.getLogger(MarketDataSource.class);

    /** What a fetch produced: the bars and who delivered them, or only why every vendor failed. */
    public record Fetched(String provider, List<Bar> bars, boolean fromCache, List<String> failures) {

        public boolean succeeded() {
            return provider != null;
        }
    }

    private final List<ResilientProvider> providers;
    private final ProviderResponseCache cache;
    private final MeterRegistry meters;
    private final Clock clock;

    MarketDataSource(List<ResilientProvider> providers, ProviderResponseCache cache, MeterRegistry meters, Clock clock) {
        this.providers = providers;
        this.cache = cache;
        this.meters = meters;
        this.clock = clock;
    }

    /** Whether any vendor is configured for this instrument. */
    public boolean covers(Instrument instrument) {
        return chain(instrument).findAny().isPresent();
    }

    public Fetched fetch(Instrument instrument, Instant since) {
        List<String> failures = new ArrayList<>();
        for (ResilientProvider provider : chain(instrument).toList()) {
            String name = provider.provider().name();
            String key = ProviderResponseCache.key(name, instrument, since);
            var cached = cache.get(key);
            if (cached.isPresent()) {
                return new Fetched(name, completed(instrument, cached.get()), true, failures);
            }
            try {
                List<Bar> bars = provider.fetchBars(instrument, since);
                cache.put(key, bars);
                meters.counter("market_data_fetches_total", "provider", name, "result", "ok").increment();
                return new Fetched(name, completed(instrument, bars), false, failures);
            } catch (ProviderException e) {
                failures.add(name + ": " + e.kind().name().toLowerCase(java.util.Locale.ROOT));
                meters.counter("market_data_fetches_total", "provider", name,
                        "result", e.kind().name().toLowerCase(java.util.Locale.ROOT)).increment();
                log.warn("Market data for {} from {} failed ({}): {}", instrument.symbol(), name, e.kind(),
                        e.getMessage());
            } catch (CallNotPermittedException e) {
                failures.add(name + ": circuit_open");
                meters.counter("market_data_fetches_total", "provider", name, "result", "circuit_open").increment();
            } catch (RequestNotPermitted e) {
                failures.add(name + ": local_rate_limit");
                meters.counter("market_data_fetches_total", "provider", name, "result", "local_rate_limit").increment();
            }
        }
        return new Fetched(null, List.of(), false, failures);
    }

    private java.util.stream.Stream<ResilientProvider> chain(Instrument instrument) {
        return providers.stream()
                .filter(provider -> provider.provider().enabled() && provider.provider().supports(instrument));
    }

    private List<Bar> completed(Instrument instrument, List<Bar> bars) {
        Instant now = clock.instant();
        return bars.stream()
                .filter(bar -> bar.time() == null || !bar.time().plus(instrument.barInterval().duration()).isAfter(now))
                .toList();
    }
}
