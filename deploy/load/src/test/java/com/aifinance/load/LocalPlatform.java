package com.aifinance.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the simulations need from the running local platform: its URL, the demo logins subscription-service wrote to
 * {@code .local/data/demo-credentials.json}, an access token of the demo institutional client, and Stripe-signed
 * webhook bodies (the platform must run with the same {@code STRIPE_WEBHOOK_SECRET}).
 */
final class LocalPlatform {

    static final String URL = System.getProperty("aifa.platform.url", "http://localhost:8080");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LocalPlatform() {
    }

    static JsonNode demoCredentials() {
        String local = System.getenv().getOrDefault("AIFA_LOCAL_DIR",
                System.getProperty("aifa.local.dir", "../../.local"));
        Path file = Path.of(local, "data", "demo-credentials.json");
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(file + " not readable: is the platform running (deploy/local/run)?", e);
        }
    }

    /** The basic and pro demo subscribers, in turn, forever. */
    static Iterator<Map<String, Object>> subscriberLogins() {
        List<Map<String, Object>> logins = new ArrayList<>();
        for (JsonNode user : demoCredentials().path("users")) {
            if (List.of("basic", "pro").contains(user.path("role").asString())) {
                logins.add(Map.of("email", user.path("email").asString(),
                        "password", user.path("password").asString()));
            }
        }
        return Stream.generate(() -> logins).flatMap(List::stream).iterator();
    }

    /** {@code Basic} credentials of the demo institutional client. */
    static String institutionalClientBasic() {
        JsonNode client = demoCredentials().path("institutionalClient");
        String pair = URLEncoder.encode(client.path("clientId").asString(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(client.path("clientSecret").asString(), StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh 15-minute access token of the demo institutional client, from the gateway's token endpoint. */
    static String institutionalToken() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(URL + "/oauth2/token"))
                .header("Authorization", institutionalClientBasic())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=signals:read%20accuracy:read"))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asString();
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint not reachable at " + URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stripe's {@code Stripe-Signature} header: {@code t=<unix>,v1=<HMAC-SHA256(secret, t + "." + body)>}. */
    static String stripeSignature(String secret, String body, long unixSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
