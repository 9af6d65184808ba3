package com.aifinance.queuemonitor.notification.provider;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP exchange every provider shares: one attempt with a deadline, and the failures that are worth another
 * attempt (timeouts, refused connections, 5xx, 429, answers we cannot read) told apart from those that are not.
 */
final class VendorHttp {

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    VendorHttp(HttpClient client, Duration requestTimeout, Clock clock) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    record Response(int status, HttpHeaders headers, String body) {

        boolean successful() {
            return status >= 200 && status < 300;
        }

        boolean retryable() {
            return status == 408 || status == 429 || status >= 500;
        }
    }

    /** Sends {@code request} and lets {@code classify} read the answer; an answer it cannot read is retryable. */
    SendResult attempt(HttpRequest.Builder request, Function<Response, SendResult> classify) {
        Response response;
        try {
            HttpResponse<String> raw = client.send(request.timeout(requestTimeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            response = new Response(raw.statusCode(), raw.headers(), raw.body() == null ? "" : raw.body());
        } catch (HttpTimeoutException e) {
            return new SendResult.Retryable("the provider did not answer within " + requestTimeout.toMillis() + " ms", null);
        } catch (IOException e) {
            return new SendResult.Retryable("the provider could not be reached: " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retryable("interrupted while waiting for the provider", null);
        }
        try {
            return classify.apply(response);
        } catch (RuntimeException unreadable) {
            return new SendResult.Retryable("the provider answered HTTP " + response.status()
                    + " with a body we cannot read: " + snippet(response.body()), retryAfter(response.headers()).orElse(null));
        }
    }

    /** {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110). */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(value -> {
            String trimmed = value.trim();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration wait = Duration.between(clock.instant(), at.toInstant());
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        });
    }

    Clock clock() {
        return clock;
    }

    /** The start of a body for a reason text: enough to recognise it, never a whole page in the database. */
    static String snippet(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }
}
