package com.aifinance.gateway.allowlist;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own access token for enterprise-service's internal API: the {@code client_credentials} grant of the
 * platform client {@code gateway-service} at subscription-service's token endpoint (role {@code service}, scope
 * {@code internal}). Kept until a minute before it expires, or until a service refuses it.
 */
final class ClientCredentials {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final WebClient client;
    private final String tokenUri;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final JsonMapper json;
    private final Clock clock;
    private volatile Token current;

    ClientCredentials(WebClient client, String tokenUri, String clientId, String clientSecret, Duration timeout,
                      JsonMapper json, Clock clock) {
        this.client = client;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.json = json;
        this.clock = clock;
    }

    private record Token(String value, Instant renewAt) {
    }

    /** A valid access token, fetched when none is held or the held one is about to expire. */
    Mono<String> accessToken() {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.renewAt())) {
            return Mono.just(token.value());
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            return Mono.error(new IllegalStateException("no client secret for " + clientId
                    + " (AIFA_CLIENT_SECRET): the gateway cannot authenticate to enterprise-service"));
        }
        // RFC 6749 2.3.1: id and secret are form-encoded before they go into the Basic credentials
        String user = URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        String password = URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return client.post().uri(tokenUri)
                .headers(headers -> headers.setBasicAuth(user, password, StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", "internal"))
                .retrieve()
                .bodyToMono(String.class)
                .timeout(timeout)
                .map(this::remember);
    }

    /** Drops the held token: a service refused it (revoked, or signed with a key that was rotated out). */
    void forget() {
        current = null;
    }

    private String remember(String body) {
        JsonNode response = json.readTree(body);
        String value = response.path("access_token").asString("");
        if (value.isBlank() || !"bearer".equalsIgnoreCase(response.path("token_type").asString(""))) {
            throw new IllegalStateException("the token endpoint answered without a bearer access_token");
        }
        long lifetime = Math.max(0, response.path("expires_in").asLong(0));
        Instant renewAt = clock.instant().plusSeconds(lifetime).minus(RENEW_BEFORE_EXPIRY);
        current = new Token(value, renewAt);
        return value;
    }
}
