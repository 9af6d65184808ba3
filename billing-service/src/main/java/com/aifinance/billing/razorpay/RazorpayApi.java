package com.aifinance.billing.razorpay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.aifinance.billing.provider.ProviderFailure;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.provider.ProviderNotConfigured;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Razorpay's REST API (v1) with a configurable base: Basic auth with the key pair, JSON in and out, an
 * {@code Idempotency-Key} on every write, retried with the same key when the call failed in transit or with 5xx/429.
 * (razorpay-java hard-codes api.razorpay.com, which a test cannot replace.)
 */
@Component
class RazorpayApi {

    private final RazorpayProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    RazorpayApi(RazorpayProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
    }

    boolean configured() {
        return properties.apiConfigured();
    }

    JsonNode get(String path) {
        return send("GET", path, null, null);
    }

    JsonNode post(String path, Object body, String idempotencyKey) {
        return send("POST", path, body, idempotencyKey);
    }

    JsonNode patch(String path, Object body, String idempotencyKey) {
        return send("PATCH", path, body, idempotencyKey);
    }

    private JsonNode send(String method, String path, Object body, String idempotencyKey) {
        if (!configured()) {
            throw new ProviderNotConfigured(ProviderName.RAZORPAY, "RAZORPAY_KEY_ID / RAZORPAY_KEY_SECRET");
        }
        String credentials = Base64.getEncoder().encodeToString((properties.keyId() + ":" + properties.keySecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.apiBase() + path))
                .timeout(properties.readTimeout())
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpRequest built = request.build();
        RuntimeException last = null;
        for (int attempt = 0; attempt <= properties.retries(); attempt++) {
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return json.readTree(response.body());
                }
                ProviderFailure failure = failure(status, response.body());
                if (failure.definitive()) {
                    throw failure;
                }
                last = failure;
            } catch (IOException e) {
                last = new ProviderFailure(ProviderName.RAZORPAY, false, null, "Razorpay unreachable: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderFailure(ProviderName.RAZORPAY, false, null, "interrupted", e);
            } catch (JacksonException e) {
                throw new ProviderFailure(ProviderName.RAZORPAY, false, null, "Razorpay answered something that is not JSON", e);
            }
        }
        throw last;
    }

    /** Razorpay errors: {@code {"error": {"code": "BAD_REQUEST_ERROR", "description": "…", "reason": "…"}}}. */
    private ProviderFailure failure(int status, String body) {
        String code = null;
        String description = "HTTP " + status;
        try {
            JsonNode error = json.readTree(body).path("error");
            if (!error.isMissingNode()) {
                code = error.path("reason").isString() ? error.path("reason").asString() : error.path("code").asString(null);
                description = error.path("description").asString(description);
            }
        } catch (JacksonException notJson) {
            // keep the status as the description
        }
        boolean transientFailure = status == 429 || status >= 500;
        return new ProviderFailure(ProviderName.RAZORPAY, !transientFailure, code, description, null);
    }
}
