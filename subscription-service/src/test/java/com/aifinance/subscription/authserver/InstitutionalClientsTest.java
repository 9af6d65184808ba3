package com.aifinance.subscription.authserver;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.subscription.testing.MutableClock;
import com.aifinance.subscription.testing.OAuthClient;
import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.subscription.testing.Streams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceTest
class InstitutionalClientsTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    MutableClock clock;

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void clientRegisteredByEnterpriseEventsGetsInstitutionalTokensAndRotationKeepsTheOldSecretForItsGracePeriod() {
        String clientId = "inst-" + UUID.randomUUID().toString().substring(0, 8);
        String organisation = UUID.randomUUID().toString();
        apiClientEvent("api_client.created", clientId, organisation, bcrypt.encode("first-secret-value"), null,
                Instant.now().minusSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> token(clientId, "first-secret-value").statusCode() == 200);

        Jwt access = decoder.decode(OAuthClient.json(token(clientId, "first-secret-value").body())
                .path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo(clientId);
        assertThat(access.getClaimAsString("tier")).isEqualTo("institutional");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("institutional_client");
        assertThat(access.getClaimAsString("org")).isEqualTo(organisation);
        assertThat(access.getClaimAsString("scope")).isEqualTo("market-data:read signals:read");
        assertThat(access.getAudience()).contains("aifa-api");

        apiClientEvent("api_client.rotated", clientId, organisation, bcrypt.encode("second-secret-value"),
                Instant.now().plus(Duration.ofHours(1)), Instant.now().minusSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> token(clientId, "second-secret-value").statusCode() == 200);
        assertThat(token(clientId, "first-secret-value").statusCode()).as("previous secret in grace").isEqualTo(200);
        clock.advance(Duration.ofHours(2));
        assertThat(token(clientId, "first-secret-value").statusCode()).as("grace over").isEqualTo(401);
        assertThat(token(clientId, "second-secret-value").statusCode()).isEqualTo(200);
        clock.reset();

        apiClientEvent("api_client.revoked", clientId, organisation, null, null, Instant.now().minusSeconds(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> token(clientId, "second-secret-value").statusCode() == 401);
    }

    private HttpResponse<String> token(String clientId, String secret) {
        return new OAuthClient(port, clientId, secret).token(Map.of("grant_type", "client_credentials"));
    }

    private void apiClientEvent(String type, String clientId, String organisation, String hash, Instant validUntil,
                                Instant time) {
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("organisationId", organisation);
        data.put("clientId", clientId);
        data.put("scopes", List.of("signals:read", "market-data:read"));
        data.put("quotaPerHour", 5000);
        data.put("secretHash", hash);
        data.put("previousSecretValidUntil", validUntil == null ? null : validUntil.toString());
        Streams.publish(redis, EventStreams.ENTERPRISE, Streams.newId(), "/enterprise-service", type, clientId, time, data);
    }
}
