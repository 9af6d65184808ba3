package com.aifinance.subscription.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A confidential OAuth2 client speaking to the token endpoint, and the browser half of a code + PKCE login. */
public final class OAuthClient {

    public static final String REDIRECT_URI = "http://localhost:8080/login/oauth2/code/aifa";
    private static final JsonMapper JSON = new JsonMapper();

    private final int port;
    private final String clientId;
    private final String secret;

    public OAuthClient(int port, String clientId, String secret) {
        this.port = port;
        this.clientId = clientId;
        this.secret = secret;
    }

    public HttpResponse<String> token(Map<String, String> form) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode clientCredentials(String scope) {
        HttpResponse<String> response = token(Map.of("grant_type", "client_credentials", "scope", scope));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    public HttpResponse<String> refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** The authorization request a dashboard would redirect the browser to, with a fresh PKCE pair. */
    public static Pkce pkce() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            return new Pkce(verifier, challenge);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String authorizePath(String scope, String state, Pkce pkce) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", scope);
        query.put("state", state);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", "S256");
        return "/oauth2/authorize?" + Browser.encode(query);
    }

    public JsonNode exchange(String code, Pkce pkce) {
        HttpResponse<String> response = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    public static String queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    public record Pkce(String verifier, String challenge) {
    }
}
