package com.aifinance.institutional.marketdata;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)

class MarketDataConfiguration {

    @Bean
    MarketDataSource marketDataSource(MarketDataProperties properties, StringRedisTemplate redis, JsonMapper json,
                                      MeterRegistry meters, Clock clock) {
        return create(properties, redis, json, meters, clock);
    }

    @Bean
    EconomicData economicData(MarketDataProperties properties, EconomicObservationStore store, Clock clock) {
        return new EconomicData(new FredClient(properties.fred()), properties.fredSeries(), store, clock);
    }

    /** The vendor chain as configured: primaries first (each serves its own asset classes), the backup last. */
    public static MarketDataSource create(MarketDataProperties properties, StringRedisTemplate redis, JsonMapper json,
                                          MeterRegistry meters, Clock clock) {
        List<MarketDataProvider> vendors = List.of(
                new AlphaVantageClient(properties.alphaVantage(), clock),
                new CoinGeckoClient(properties.coingecko(), properties.coingeckoKeyHeader(), clock),
                new YahooFinanceClient(properties.yahoo(), clock));
        List<ResilientProvider> resilient = vendors.stream()
                .map(vendor -> new ResilientProvider(vendor, properties.retryAttempts(), properties.retryWait(),
                        properties.breakerOpenFor()))
                .toList();
        return new MarketDataSource(resilient, new ProviderResponseCache(redis, json, properties.cacheTtl()), meters,
                clock);
    }
}
