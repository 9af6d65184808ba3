package com.aifinance.institutional.marketdata;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Alpha Vantage, the primary vendor for stocks and forex (daily bars): {@code TIME_SERIES_DAILY} and {@code FX_DAILY}.
 * Alpha Vantage answers its rate limit with HTTP 200 and a {@code Note} or {@code Information} body, and errors with
 * an {@code Error Message} body.
 */
final class AlphaVantageClient implements MarketDataProvider {

    static final String NAME = "alpha_vantage";

    private final ProviderSettings settings;
    private final ProviderHttp http;
    private final Clock clock;

    AlphaVantageClient(ProviderSettings settings, Clock clock) {
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
        return instrument.barInterval() == BarInterval.ONE_DAY
                && (instrument.assetClass() == AssetClass.STOCK || instrument.assetClass() == AssetClass.FOREX);
    }

    @Override
    public List<Bar> fetchBars(Instrument instrument, Instant since) {
        boolean forex = instrument.assetClass() == AssetClass.FOREX;
        String symbol = instrument.providerSymbol(NAME);
        // compact = the latest 100 bars; older history needs the full series
        String size = since.isAfter(clock.instant().minus(Duration.ofDays(120))) ? "compact" : "full";
        String query = forex
                ? "function=FX_DAILY&from_symbol=" + encode(symbol.substring(0, 3)) + "&to_symbol="
                  + encode(symbol.substring(3)) + "&outputsize=" + size
                : "function=TIME_SERIES_DAILY&symbol=" + encode(symbol) + "&outputsize=" + size;
        ProviderHttp.Reply reply = http.get(URI.create(settings.baseUrl() + "/query?" + query + "&apikey="
                + encode(settings.apiKey() == null ? "" : settings.apiKey())), Map.of());
        if (reply.status() != 200) {
            throw http.failure(reply);
        }
        JsonNode body = http.json(reply.body());
        if (body.has("Note") || body.has("Information")) {
            throw new ProviderException(NAME, ProviderException.Kind.RATE_LIMITED,
                    "call frequency or plan limit reached");
        }
        if (body.has("Error Message")) {
            throw new ProviderException(NAME, ProviderException.Kind.REJECTED, "invalid call for " + symbol);
        }
        JsonNode series = body.get(forex ? "Time Series FX (Daily)" : "Time Series (Daily)");
        if (series == null || !series.isObject()) {
            throw http.malformed("no daily time series in the body");
        }
        List<Bar> bars = new ArrayList<>();
        for (var entry : series.properties()) {
            Instant time;
            try {
                time = LocalDate.parse(entry.getKey()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw http.malformed("a date is not ISO: " + entry.getKey());
            }
            if (time.isBefore(since)) {
                continue;
            }
            JsonNode values = entry.getValue();
            bars.add(new Bar(time, Decimals.of(values.get("1. open")), Decimals.of(values.get("2. high")),
                    Decimals.of(values.get("3. low")), Decimals.of(values.get("4. close")),
                    forex ? null : Decimals.of(values.get("5. volume")), NAME));
        }
        return bars;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
