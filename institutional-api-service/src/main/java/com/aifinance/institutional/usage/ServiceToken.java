package com.aifinance.institutional.usage;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * This service's own access token for other services' internal APIs: the {@code client_credentials} grant of client
 * {@code institutional-api-service} at subscription-service's token endpoint (role {@code service}, scope
 * {@code internal}). Kept until a minute before it expires (half its lifetime for short-lived tokens), so a report
 * every minute asks for a token about every quarter of an hour.
 */
@Component
class ServiceToken {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);
    private static final JsonMapper JSON = new JsonMapper();

    /** The token endpoint is unreachable or failing: try again later. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** The endpoint refused our credentials: a configuration fault (wrong or missing AIFA_CLIENT_SECRET). */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final UsageReportProperties properties;
    private final HttpClient http;
    private final MeterRegistry meters;
    private final Clock clock;
    private Issued current;

    ServiceToken(UsageReportProperties properties, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A valid access token, from the cache or freshly issued. */
    synchronized String value() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.renewAt())) {
            current = issue(now);
        }
        return current.value();
    }

    /** Forgets the cached token (the API refused it: the signing key may have rotated). */
    synchronized void invalidate() {
        current = null;
    }

    private Issued issue(Instant now) {
        // RFC 6749 §2.3.1: the client id and secret are form-encoded before they are joined for Basic authentication
        String credentials = Base64.getEncoder().encodeToString((form(properties.clientId()) + ":"
                + form(properties.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(properties.tokenUrl())
                .timeout(properties.requestTimeout())
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable("the token endpoint " + properties.tokenUrl() + " is unreachable: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking for a token");
        }
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            meters.counter("institutional_service_token_requests", "outcome", "refused").increment();
            throw new Refused("the token endpoint refused client " + properties.clientId() + " (" + response.statusCode()
                    + " " + error(response.body()) + "): check AIFA_CLIENT_SECRET");
        }
        if (response.statusCode() != 200) {
            throw unavailable("the token endpoint answered " + response.statusCode());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw unavailable("the token endpoint answered something other than JSON");
        }
        String token = body.path("access_token").asString("");
        if (token.isBlank() || !"bearer".equalsIgnoreCase(body.path("token_type").asString(""))) {
            throw unavailable("the token endpoint's answer has no bearer access_token");
        }
        long lifetime = body.path("expires_in").asLong(0);
        if (lifetime <= 0) {
            throw unavailable("the token endpoint's answer has no positive expires_in");
        }
        Duration margin = Duration.ofSeconds(lifetime).dividedBy(2);
        if (margin.compareTo(RENEW_BEFORE_EXPIRY) > 0) {
            margin = RENEW_BEFORE_EXPIRY;
        }
        meters.counter("institutional_service_token_requests", "outcome", "issued").increment();
        return new Issued(token, now.plusSeconds(lifetime).minus(margin));
    }

    private Unavailable unavailable(String message) {
        meters.counter("institutional_service_token_requests", "outcome", "unavailable").increment();
        return new Unavailable(message);
    }

    private static String error(String body) {
        try {
            return JSON.readTree(body).path("error").asString("");
        } catch (JacksonException e) {
            return "";
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Issued(String value, Instant renewAt) {
    }
}
