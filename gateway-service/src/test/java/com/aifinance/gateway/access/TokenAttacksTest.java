package com.aifinance.gateway.access;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.gateway.GatewayTestSupport;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The attacks of issue 3 on the token check: each is refused with 401, counted by reason, and never forwarded. */
class TokenAttacksTest extends GatewayTestSupport {

    private static final String PATH = "/api/analytics/mrr";

    @Test
    void unsignedTokenWithAlgNoneIsRefused() {
        String token = new PlainJWT(TestJwts.token().tier("enterprise").claimsSet()).serialize();

        assertRefused(token, "unsupported_algorithm");
    }

    @Test
    void hs256TokenSignedWithTheRsaPublicKeyAsSecretIsRefused() throws Exception {
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-key-1").build(),
                TestJwts.token().tier("enterprise").claimsSet());
        forged.sign(new MACSigner(TestJwts.publicKey().getEncoded()));

        assertRefused(forged.serialize(), "unsupported_algorithm");
    }

    @Test
    void expiredTokenIsRefused() {
        Date issued = Date.from(Instant.now().minus(Duration.ofMinutes(20)));
        String token = TestJwts.token().claims(Map.of("iat", issued, "nbf", issued))
                .expiresAt(Instant.now().minus(Duration.ofMinutes(5))).sign();

        assertRefused(token, "expired");
    }

    @Test
    void tokenThatIsNotYetValidIsRefused() {
        String token = TestJwts.token().notBefore(Instant.now().plus(Duration.ofMinutes(5)))
                .expiresAt(Instant.now().plus(Duration.ofMinutes(20))).sign();

        assertRefused(token, "not_yet_valid");
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        assertRefused(TestJwts.token().issuer("https://issuer.attacker.example").sign(), "wrong_issuer");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        assertRefused(TestJwts.token().audience("some-other-api").sign(), "wrong_audience");
    }

    @Test
    void tokenWhoseTierClaimWasRewrittenIsRefused() {
        String token = TestJwts.subscriber(UUID.randomUUID().toString(), "basic");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"tier\":\"basic\"");
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"tier\":\"basic\"", "\"tier\":\"enterprise\"").getBytes(StandardCharsets.UTF_8));

        assertRefused(parts[0] + "." + tampered + "." + parts[2], "bad_signature");
    }

    @Test
    void tokenSignedByAKeyThePlatformDoesNotPublishIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-key").build(),
                TestJwts.token().claimsSet());
        forged.sign(new RSASSASigner((RSAPrivateKey) pair.getPrivate()));
        assertThat(pair.getPublic()).isInstanceOf(RSAPublicKey.class);

        assertRefused(forged.serialize(), "unknown_key");
    }

    @Test
    void garbageInsteadOfATokenIsRefused() {
        assertRefused("not-a-jwt", "malformed");
    }

    @Test
    void requestWithoutATokenIsAnsweredWithAnUnauthorizedProblemAndABareBearerChallenge() {
        int before = upstreams.requestCount("analytics");
        double missing = count("gateway.tokens.rejected", "reason", "missing");

        gateway.get().uri(PATH).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/unauthorized");

        assertThat(upstreams.requestCount("analytics")).isEqualTo(before);
        assertThat(count("gateway.tokens.rejected", "reason", "missing")).isEqualTo(missing + 1);
    }

    @Test
    void validTokenIsForwardedWithTheIdentityItProves() throws InterruptedException {
        String subject = UUID.randomUUID().toString();
        String token = TestJwts.token().subject(subject).tier("pro").organisation("org-7")
                .roles("subscriber", "org_admin").sign();

        gateway.get().uri(PATH).headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isOk();

        var received = upstreams.received("analytics");
        assertThat(received.getHeaders().get("X-User-Id")).isEqualTo(subject);
        assertThat(received.getHeaders().get("X-User-Tier")).isEqualTo("pro");
        assertThat(received.getHeaders().get("X-User-Org")).isEqualTo("org-7");
        assertThat(received.getHeaders().get("X-User-Roles")).isEqualTo("org_admin,subscriber");
        assertThat(received.getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void rejectedTokensAreExportedToPrometheusByReason() {
        assertRefused(TestJwts.token().audience("elsewhere").sign(), "wrong_audience");

        management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .containsPattern("gateway_tokens_rejected_total\\{[^}]*reason=\"wrong_audience\"[^}]*} [1-9]"));
    }

    private void assertRefused(String token, String reason) {
        int before = upstreams.requestCount("analytics");
        double rejected = count("gateway.tokens.rejected", "reason", reason);

        gateway.get().uri(PATH).headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value("WWW-Authenticate", challenge -> assertThat(challenge)
                        .startsWith("Bearer error=\"invalid_token\""))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/unauthorized")
                .jsonPath("$.instance").isEqualTo(PATH);

        assertThat(upstreams.requestCount("analytics")).as("requests that reached the service").isEqualTo(before);
        assertThat(count("gateway.tokens.rejected", "reason", reason)).isEqualTo(rejected + 1);
    }
}
