package com.aifinance.institutional.marketdata;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTPS GETs to vendors with hard timeouts, and JSON read with exact decimals. */
final class ProviderHttp {

    /** Prices are read from the vendor's decimal text, never through a double. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    record Reply(int status, String body) {
    }

    private final HttpClient client;
    private final String provider;
    private final Duration timeout;

    ProviderHttp(String provider, Duration timeout) {
        this.provider = provider;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Reply get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json").header("User-Agent", "aifa-institutional-api/1.0");
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new ProviderException(provider, ProviderException.Kind.UNAVAILABLE,
                    "request failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(provider, ProviderException.Kind.UNAVAILABLE, "interrupted");
        }
    }

    JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ProviderException(provider, ProviderException.Kind.MALFORMED, "the body is not JSON");
        }
    }

    /** The usual mapping of a non-2xx status; vendors' specific bodies are handled by each client first. */
    ProviderException failure(Reply reply) {
        int status = reply.status();
        if (status == 429) {
            return new ProviderException(provider, ProviderException.Kind.RATE_LIMITED, "HTTP 429");
        }
        if (status >= 500) {
            return new ProviderException(provider, ProviderException.Kind.UNAVAILABLE, "HTTP " + status);
        }
        return new ProviderException(provider, ProviderException.Kind.REJECTED, "HTTP " + status);
    }

    ProviderException malformed(String what) {
        return new ProviderException(provider, ProviderException.Kind.MALFORMED, what);
    }
}
