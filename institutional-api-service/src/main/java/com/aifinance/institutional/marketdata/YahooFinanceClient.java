package com.aifinance.institutional.marketdata;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Yahoo Finance's chart API ({@code /v8/finance/chart/{symbol}}), the backup vendor for every asset class. Its bars
 * come as parallel arrays in which a missing value is {@code null}; such bars are rejected, never patched.
 */
final class YahooFinanceClient implements MarketDataProvider {

    static final String NAME = "yahoo_finance";

    private final ProviderSettings settings;
    private final ProviderHttp http;
    private final Clock clock;

    YahooFinanceClient(ProviderSettings settings, Clock clock) {
        this.settings = settings;
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
        return true;
    }

    @Override
    public List<Bar> fetchBars(Instrument instrument, Instant since) {
        String symbol = instrument.providerSymbol(NAME);
        URI uri = URI.create(settings.baseUrl() + "/v8/finance/chart/" + URLEncoder.encode(symbol, StandardCharsets.UTF_8)
                + "?period1=" + since.getEpochSecond() + "&period2=" + clock.instant().getEpochSecond()
                + "&interval=" + instrument.barInterval().code() + "&includePrePost=false&events=");
        ProviderHttp.Reply reply = http.get(uri, Map.of());
        if (reply.status() == 404) {
            throw new ProviderException(NAME, ProviderException.Kind.REJECTED, "no data for " + symbol);
        }
        if (reply.status() != 200) {
            throw http.failure(reply);
        }
        JsonNode chart = http.json(reply.body()).path("chart");
        JsonNode error = chart.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            throw new ProviderException(NAME, ProviderException.Kind.REJECTED, error.path("code").asString("error"));
        }
        JsonNode result = chart.path("result").path(0);
        JsonNode timestamps = result.path("timestamp");
        JsonNode quote = result.path("indicators").path("quote").path(0);
        if (result.isMissingNode() || !quote.isObject()) {
            throw http.malformed("no chart result");
        }
        if (timestamps.isMissingNode()) {
            return List.of(); // a valid answer with no bars in the range
        }
        if (!timestamps.isArray()) {
            throw http.malformed("timestamps are not an array");
        }
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < timestamps.size(); i++) {
            JsonNode stamp = timestamps.get(i);
            if (!stamp.isIntegralNumber()) {
                throw http.malformed("a timestamp is not a number");
            }
            Instant time = instrument.barInterval().periodStart(Instant.ofEpochSecond(stamp.asLong()));
            bars.add(new Bar(time, Decimals.of(quote.path("open").get(i)), Decimals.of(quote.path("high").get(i)),
                    Decimals.of(quote.path("low").get(i)), Decimals.of(quote.path("close").get(i)),
                    instrument.assetClass() == AssetClass.FOREX ? null : Decimals.of(quote.path("volume").get(i)),
                    NAME));
        }
        return bars;
    }
}
