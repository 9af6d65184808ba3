package com.aifinance.monitoring.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks one service whether it is ready ({@code GET /actuator/health/readiness}): up only for HTTP 200 with status
 * {@code UP}; anything else — another status, a body that is not the health document, a refused connection, no
 * answer within the timeout — is down, with the reason.
 */
final class ReadinessProbe {

    static final String PATH = "/actuator/health/readiness";

    private final HttpClient http;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Duration timeout;

    ReadinessProbe(HttpClient http, JsonMapper mapper, Clock clock, Duration timeout) {
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
        this.timeout = timeout;
    }

    CheckResult check(String service, URI baseUrl) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.toString().replaceAll("/+$", "") + PATH))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "aifa-monitoring-service")
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int elapsed = elapsedMs(started);
            String status = readStatus(response.body());
            if (response.statusCode() == 200 && "UP".equals(status)) {
                return new CheckResult(service, at, true, elapsed, null);
            }
            return new CheckResult(service, at, false, elapsed,
                    "HTTP " + response.statusCode() + (status == null ? "" : " (status " + status + ")"));
        } catch (HttpConnectTimeoutException e) {
            return new CheckResult(service, at, false, null, "no connection within " + timeout.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return new CheckResult(service, at, false, null, "no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return new CheckResult(service, at, false, null, "connection refused");
        } catch (IOException e) {
            return new CheckResult(service, at, false, null, "I/O error: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckResult(service, at, false, null, "check interrupted");
        }
    }

    private String readStatus(String body) {
        try {
            JsonNode status = mapper.readTree(body).get("status");
            return status == null || !status.isString() ? null : status.asString();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static int elapsedMs(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }
}
