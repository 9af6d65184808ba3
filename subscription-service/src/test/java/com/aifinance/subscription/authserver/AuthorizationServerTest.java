package com.aifinance.subscription.authserver;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.aifinance.common.security.PlatformJwtValidation;
import com.aifinance.common.security.PlatformSecurityProperties;
import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Registration;
import com.aifinance.subscription.testing.Browser;
import com.aifinance.subscription.testing.OAuthClient;
import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.subscription.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class AuthorizationServerTest {

    @LocalServerPort
    int port;

    @Autowired
    ClientSecrets secrets;

    @Autowired
    Registration registration;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformSecurityProperties security;

    @Test
    void discoveryPublishesThePlatformIssuerAndItsJwks() {
        Browser browser = new Browser(port);
        JsonNode discovery = OAuthClient.json(browser.get("/.well-known/openid-configuration").body());
        assertThat(discovery.path("issuer").asString()).isEqualTo("http://localhost:8080");
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo("http://localhost:8080/oauth2/jwks");
        assertThat(discovery.path("userinfo_endpoint").asString()).startsWith("http://localhost:8080/oauth2/");

        HttpResponse<String> jwks = browser.get("/oauth2/jwks");
        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode key = OAuthClient.json(jwks.body()).path("keys").get(0);
        assertThat(key.path("kty").asString()).isEqualTo("RSA");
        assertThat(key.path("alg").asString()).isEqualTo("RS256");
        assertThat(key.has("d")).as("no private part is published").isFalse();
        assertThat(jwks.body()).doesNotContain("\"p\"").doesNotContain("\"dp\"");
    }

    @Test
    void serviceClientGetsAServiceTokenThatPassesThePlatformValidation() {
        JsonNode response = new OAuthClient(port, "billing-service", secrets.secretFor("billing-service"))
                .clientCredentials("internal");
        assertThat(response.path("expires_in").asLong()).isBetween(890L, 900L);

        Jwt token = platformDecoder().decode(response.path("access_token").asString());
        assertThat(token.getSubject()).isEqualTo("billing-service");
        assertThat(token.getAudience()).contains("aifa-api");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("service");
        assertThat(token.getClaimAsString("tier")).isEqualTo("none");
        assertThat(token.getClaimAsString("scope")).isEqualTo("internal");
        assertThat(token.getHeaders()).containsEntry("alg", "RS256").containsKey("kid");
    }

    @Test
    void serviceClientWithAWrongSecretIsRefused() {
        HttpResponse<String> response = new OAuthClient(port, "billing-service", "guessed")
                .token(Map.of("grant_type", "client_credentials", "scope", "internal"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client");
    }

    @Test
    void dashboardLoginWithPkceIssuesTokensWithTheUsersClaims() {
        Account user = TestUsers.verified(registration, encoder, "claims");
        JsonNode tokens = logIn(user);

        Jwt access = platformDecoder().decode(tokens.path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo(user.id().toString());
        assertThat(access.getAudience()).contains("aifa-api", "dashboard-hub");
        assertThat(access.getClaimAsString("tier")).isEqualTo("none");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("subscriber");
        assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd");
        assertThat(access.getClaimAsString("scope")).isEqualTo("openid signals:read");
        assertThat(access.getClaims()).doesNotContainKey("org");
        assertThat(Duration.between(access.getIssuedAt(), access.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
        assertThat(tokens.path("refresh_token").asString()).isNotBlank();
        assertThat(tokens.path("id_token").asString()).isNotBlank();
    }

    @Test
    void authorizationRequestWithoutPkceIsRefused() {
        Browser browser = new Browser(port);
        HttpResponse<String> response = browser.get("/oauth2/authorize?response_type=code&client_id=dashboard-hub"
                + "&redirect_uri=" + OAuthClient.REDIRECT_URI + "&scope=openid&state=s1");
        assertThat(Browser.location(response)).contains("error=invalid_request");
    }

    @Test
    void refreshRotatesTheRefreshTokenAndReusingAnOldOneRevokesTheFamily() {
        Account user = TestUsers.verified(registration, encoder, "reuse");
        OAuthClient dashboard = dashboard();
        JsonNode first = logIn(user);
        String original = first.path("refresh_token").asString();

        HttpResponse<String> rotated = dashboard.refresh(original);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String second = OAuthClient.json(rotated.body()).path("refresh_token").asString();
        assertThat(second).isNotEqualTo(original);

        HttpResponse<String> replay = dashboard.refresh(original);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("invalid_grant");

        HttpResponse<String> afterRevocation = dashboard.refresh(second);
        assertThat(afterRevocation.statusCode()).as("the legitimate holder is logged out too").isEqualTo(400);
        assertThat(afterRevocation.body()).contains("invalid_grant");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'refresh_token.reuse_detected' and target = ?")
                .param("user:" + user.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void simultaneousRefreshesWithOneRefreshTokenSucceedOnlyOnce() throws Exception {
        Account user = TestUsers.verified(registration, encoder, "race");
        OAuthClient dashboard = dashboard();
        String refresh = logIn(user).path("refresh_token").asString();
        int racers = 6;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(racers);
        List<HttpResponse<String>> answers;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(racers)) {
            List<java.util.concurrent.Future<HttpResponse<String>>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return dashboard.refresh(refresh);
                }));
            }
            answers = new java.util.ArrayList<>();
            for (var future : futures) {
                answers.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        }

        List<HttpResponse<String>> won = answers.stream().filter(answer -> answer.statusCode() == 200).toList();
        assertThat(won).as("exactly one refresh may rotate the token").hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.statusCode() != 200)
                .allSatisfy(answer -> {
                    assertThat(answer.statusCode()).isEqualTo(400);
                    assertThat(answer.body()).contains("invalid_grant");
                });
        // the losers presented a token that had just been used: that is reuse, and the family is revoked
        String winnersToken = OAuthClient.json(won.getFirst().body()).path("refresh_token").asString();
        assertThat(dashboard.refresh(winnersToken).statusCode()).isEqualTo(400);
    }

    @Test
    void revokedRefreshTokenNoLongerRefreshes() {
        Account user = TestUsers.verified(registration, encoder, "revoke");
        OAuthClient dashboard = dashboard();
        String refresh = logIn(user).path("refresh_token").asString();

        HttpResponse<String> revoke = postToRevocation(dashboard, refresh);
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(dashboard.refresh(refresh).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> postToRevocation(OAuthClient client, String token) {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            String basic = java.util.Base64.getEncoder().encodeToString(
                    ("dashboard-hub:" + secrets.secretFor("dashboard-hub")).getBytes());
            return http.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + port + "/oauth2/revoke"))
                            .header("Authorization", "Basic " + basic)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "token=" + token + "&token_type_hint=refresh_token")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Logs {@code user} in through the browser flow and exchanges the code. */
    JsonNode logIn(Account user) {
        OAuthClient dashboard = dashboard();
        OAuthClient.Pkce pkce = OAuthClient.pkce();
        Browser browser = new Browser(port);
        HttpResponse<String> toLogin = browser.get(dashboard.authorizePath("openid signals:read", "state-1", pkce));
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(Browser.location(toLogin)).endsWith("/login");
        browser.get("/login");
        HttpResponse<String> afterLogin = browser.post("/login",
                Map.of("username", user.email(), "password", TestUsers.PASSWORD));
        HttpResponse<String> callback = browser.follow(afterLogin);
        String location = Browser.location(callback);
        assertThat(location).as(callback.body()).startsWith(OAuthClient.REDIRECT_URI);
        assertThat(OAuthClient.queryParameter(location, "state")).isEqualTo("state-1");
        return dashboard.exchange(OAuthClient.queryParameter(location, "code"), pkce);
    }

    OAuthClient dashboard() {
        return new OAuthClient(port, "dashboard-hub", secrets.secretFor("dashboard-hub"));
    }

    /** The decoder every other service uses (common-lib), pointed at this service's JWKS. */
    JwtDecoder platformDecoder() {
        return PlatformJwtValidation.decoder(new PlatformSecurityProperties(security.issuer(),
                "http://127.0.0.1:" + port + "/oauth2/jwks", "aifa-api", List.of()));
    }
}
