package com.aifinance.institutional.marketdata;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * FRED (Federal Reserve Economic Data): {@code /fred/series/observations}. A missing observation is the string
 * {@code "."}; it is skipped. Errors and the rate limit come as {@code error_code} / {@code error_message}.
 */
final class FredClient {

    static final String NAME = "fred";

    /** One observation of an economic series. */
    record Observation(LocalDate date, BigDecimal value) {
    }

    private final ProviderSettings settings;
    private final ProviderHttp http;

    FredClient(ProviderSettings settings) {
        this.settings = settings;
        this.http = new ProviderHttp(NAME, settings.timeout());
    }

    boolean enabled() {
        return settings.active();
    }

    ProviderSettings settings() {
        return settings;
    }

    List<Observation> observations(String seriesId, LocalDate since) {
        URI uri = URI.create(settings.baseUrl() + "/fred/series/observations?series_id="
                + URLEncoder.encode(seriesId, StandardCharsets.UTF_8) + "&api_key="
                + URLEncoder.encode(settings.apiKey() == null ? "" : settings.apiKey(), StandardCharsets.UTF_8)
                + "&file_type=json&observation_start=" + since);
        ProviderHttp.Reply reply = http.get(uri, Map.of());
        if (reply.status() != 200) {
            throw http.failure(reply);
        }
        JsonNode observations = http.json(reply.body()).path("observations");
        if (!observations.isArray()) {
            throw http.malformed("no observations array");
        }
        List<Observation> result = new ArrayList<>();
        for (JsonNode observation : observations) {
            String value = observation.path("value").asString("");
            if (".".equals(value)) {
                continue;
            }
            try {
                result.add(new Observation(LocalDate.parse(observation.path("date").asString("")),
                        new BigDecimal(value)));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw http.malformed("an observation is not a date and a number");
            }
        }
        return result;
    }
}
