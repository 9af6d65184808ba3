package com.aifinance.institutional.marketdata;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * CoinGecko, the primary vendor for crypto: {@code /api/v3/coins/{id}/ohlc}. For one or two days it returns
 * 30-minute candles as {@code [closeTimeMillis, open, high, low, close]}, without volume. Its rate limit is HTTP 429
 * with a {@code status.error_message} body.
 */
final class CoinGeckoClient implements MarketDataProvider {

    static final String NAME = "coingecko";

    private final ProviderSettings settings;
    private final String keyHeader;
    private final ProviderHttp http;
    private final Clock clock;

    CoinGeckoClient(ProviderSettings settings, String keyHeader, Clock clock) {
        this.settings = settings;
        this.keyHeader = keyHeader;
        this.clock = clock;
        this.http = new ProviderHttp(NAME, settings.timeout());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return settings.active();
    }

    @Override
    public ProviderSettings settings() {
        return settings;
    }

    @Override
    public boolean supports(Instrument instrument) {
        return instrument.assetClass() == AssetClass.CRYPTO && instrument.barInterval() == BarInterval.THIRTY_MINUTES;
    }

    @Override
    public List<Bar> fetchBars(Instrument instrument, Instant since) {
        String coin = instrument.providerSymbol(NAME);
        int days = since.isAfter(clock.instant().minus(Duration.ofDays(1))) ? 1 : 2;
        URI uri = URI.create(settings.baseUrl() + "/api/v3/coins/" + URLEncoder.encode(coin, StandardCharsets.UTF_8)
                + "/ohlc?vs_currency=" + instrument.currency().toLowerCase(java.util.Locale.ROOT) + "&days=" + days);
        Map<String, String> headers = settings.apiKey() == null || settings.apiKey().isBlank() ? Map.of()
                : Map.of(keyHeader, settings.apiKey());
        ProviderHttp.Reply reply = http.get(uri, headers);
        if (reply.status() != 200) {
            throw http.failure(reply);
        }
        JsonNode body = http.json(reply.body());
        if (!body.isArray()) {
            throw http.malformed("the OHLC body is not an array");
        }
        Duration period = instrument.barInterval().duration();
        List<Bar> bars = new ArrayList<>();
        for (JsonNode candle : body) {
            if (!candle.isArray() || candle.size() != 5 || !candle.get(0).isNumber()) {
                throw http.malformed("a candle is not [time, open, high, low, close]");
            }
            // CoinGecko stamps a candle with its close time
            Instant time = instrument.barInterval().periodStart(Instant.ofEpochMilli(candle.get(0).asLong()).minus(period));
            if (time.isBefore(since)) {
                continue;
            }
            bars.add(new Bar(time, Decimals.of(candle.get(1)), Decimals.of(candle.get(2)), Decimals.of(candle.get(3)),
                    Decimals.of(candle.get(4)), null, NAME));
        }
        return bars;
    }
}
