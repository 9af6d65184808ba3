package com.aifinance.monitoring.probe;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key user journeys, in order, through the gateway: the OpenID discovery document, a client-credentials token,
 * the signals list with that token, and the dashboard page. Each passes only on the answer a real client needs; an
 * endpoint that does not exist yet fails with its HTTP status, never passes by default.
 */
final class SyntheticJourneys {

    static final String DISCOVERY = "discovery";
    static final String TOKEN = "token";
    static final String SIGNALS = "signals";
    static final String DASHBOARD = "dashboard";
    static final List<String> ALL = List.of(DISCOVERY, TOKEN, SIGNALS, DASHBOARD);

    private final ProbeProperties properties;
    private final HttpClient http;
    private final JsonMapper mapper;
    private final Clock clock;

    SyntheticJourneys(ProbeProperties properties, JsonMapper mapper, Clock clock) {
        this.properties = properties;
        this.mapper = mapper;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    List<ProbeResult> runAll() {
        List<ProbeResult> results = new ArrayList<>();
        results.add(discovery());
        Token token = token();
        results.add(token.result());
        results.add(signals(token.accessToken()));
        results.add(dashboard());
        return results;
    }

    private ProbeResult discovery() {
        return call(DISCOVERY, get("/.well-known/openid-configuration"), response -> {
            JsonNode document = json(response.body());
            if (document == null || !document.hasNonNull("issuer") || !document.hasNonNull("token_endpoint")
                    || !document.hasNonNull("jwks_uri")) {
                return "the discovery document lacks issuer, token_endpoint or jwks_uri";
            }
            return null;
        }).result();
    }

    private Token token() {
        if (!properties.tokenConfigured()) {
            return new Token(new ProbeResult(TOKEN, clock.instant(), false, null, 0,
                    "no probe client configured (AIFA_PROBE_CLIENT_ID, AIFA_PROBE_CLIENT_SECRET)"), null);
        }
        String credentials = Base64.getEncoder().encodeToString((encode(properties.clientId()) + ":"
                + encode(properties.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = request("/oauth2/token")
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + encode(properties.scope())))
                .build();
        String[] accessToken = new String[1];
        Call call = call(TOKEN, request, response -> {
            JsonNode body = json(response.body());
            if (body == null || !body.hasNonNull("access_token")
                    || !"bearer".equalsIgnoreCase(body.path("token_type").asString(""))) {
                return "the token response has no bearer access_token";
            }
            accessToken[0] = body.get("access_token").asString();
            return null;
        });
        return new Token(call.result(), accessToken[0]);
    }

    private ProbeResult signals(String accessToken) {
        if (accessToken == null) {
            return new ProbeResult(SIGNALS, clock.instant(), false, null, 0,
                    "not run: the token journey gave no access token");
        }
        HttpRequest request = request(properties.signalsPath())
                .header("Authorization", "Bearer " + accessToken).GET().build();
        return call(SIGNALS, request, response -> json(response.body()) == null
                ? "the signals list is not JSON" : null).result();
    }

    private ProbeResult dashboard() {
        return call(DASHBOARD, get(properties.dashboardPath()), response -> {
            String type = response.headers().firstValue("Content-Type").orElse("");
            return type.startsWith("text/html") ? null : "the dashboard answered " + type + ", not a web page";
        }).result();
    }

    private HttpRequest get(String path) {
        return request(path).header("Accept", "application/json, text/html").GET().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(properties.gatewayUrl().toString().replaceAll("/$", "") + path))
                .timeout(properties.timeout())
                .header("User-Agent", "aifa-synthetic-probe");
    }

    /** Sends {@code request}; a 200 answer is then judged by {@code verdict} (null = passed, else why not). */
    private Call call(String probe, HttpRequest request, java.util.function.Function<HttpResponse<String>, String> verdict) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int elapsed = elapsed(started);
            if (response.statusCode() != 200) {
                return new Call(new ProbeResult(probe, at, false, response.statusCode(), elapsed,
                        "HTTP " + response.statusCode() + problemTitle(response)));
            }
            String failure = verdict.apply(response);
            return new Call(new ProbeResult(probe, at, failure == null, 200, elapsed, failure));
        } catch (HttpTimeoutException e) {
            return new Call(new ProbeResult(probe, at, false, null, elapsed(started),
                    "no answer within " + properties.timeout().toMillis() + " ms"));
        } catch (java.net.ConnectException e) {
            return new Call(new ProbeResult(probe, at, false, null, elapsed(started), "gateway refused the connection"));
        } catch (IOException e) {
            return new Call(new ProbeResult(probe, at, false, null, elapsed(started),
                    "I/O error: " + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(new ProbeResult(probe, at, false, null, elapsed(started), "interrupted"));
        }
    }

    private String problemTitle(HttpResponse<String> response) {
        JsonNode body = json(response.body());
        return body != null && body.hasNonNull("title") ? " (" + body.get("title").asString() + ")" : "";
    }

    private JsonNode json(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int elapsed(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }

    private record Call(ProbeResult result) {
    }

    private record Token(ProbeResult result, String accessToken) {
    }
}
