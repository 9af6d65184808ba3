package com.aifinance.institutional.marketdata;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Market data sources ({@code aifa.market-data.*}). With no API key set, no vendor is called and the service runs on
 * its bundled history and the simulated market.
 *
 * @param cacheTtl        how long a vendor's answer is served from Redis
 * @param refreshInterval how often live instruments are refreshed from the vendors
 * @param retryAttempts   attempts per vendor call on network errors and 5xx (rate limits are never retried)
 * @param retryWait       first wait between attempts; doubles each time
 * @param breakerOpenFor  how long a vendor that keeps failing is skipped
 * @param liveSymbols     the real instruments refreshed from vendors when they are configured
 * @param fredSeries      the FRED economic series refreshed when FRED is configured
 */
@ConfigurationProperties("aifa.market-data")
public record MarketDataProperties(
        @DefaultValue ProviderSettings alphaVantage,
        @DefaultValue ProviderSettings yahoo,
        @DefaultValue ProviderSettings coingecko,
        @DefaultValue ProviderSettings fred,
        @DefaultValue("x-cg-demo-api-key") String coingeckoKeyHeader,
        @DefaultValue("5m") Duration cacheTtl,
        @DefaultValue("15m") Duration refreshInterval,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("500ms") Duration retryWait,
        @DefaultValue("60s") Duration breakerOpenFor,
        @DefaultValue({"AAPL", "MSFT", "SPY", "EURUSD", "GBPUSD", "BTC-USD", "ETH-USD"}) List<String> liveSymbols,
        @DefaultValue({"DGS10", "FEDFUNDS", "CPIAUCSL", "UNRATE"}) List<String> fredSeries) {

    public MarketDataProperties {
        alphaVantage = withDefaults(alphaVantage, "https://www.alphavantage.co", 5);
        yahoo = withDefaults(yahoo, "https://query1.finance.yahoo.com", 30);
        coingecko = withDefaults(coingecko, "https://api.coingecko.com", 30);
        fred = withDefaults(fred, "https://api.stlouisfed.org", 60);
        if (yahoo.enabled() == null) {
            yahoo = new ProviderSettings(yahoo.baseUrl(), yahoo.apiKey(), false, yahoo.requestsPerMinute(), yahoo.timeout());
        }
    }

    private static ProviderSettings withDefaults(ProviderSettings settings, String baseUrl, int requestsPerMinute) {
        if (settings == null) {
            return new ProviderSettings(baseUrl, null, null, requestsPerMinute, null);
        }
        return new ProviderSettings(settings.baseUrl() == null || settings.baseUrl().isBlank() ? baseUrl
                : settings.baseUrl(), settings.apiKey(), settings.enabled(),
                settings.requestsPerMinute() > 0 ? settings.requestsPerMinute() : requestsPerMinute, settings.timeout());
    }
}
