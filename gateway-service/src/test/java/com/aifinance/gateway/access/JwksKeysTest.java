package com.aifinance.gateway.access;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.aifinance.common.security.Caller;
import com.aifinance.common.security.PlatformSecurityProperties;
import com.aifinance.common.testsupport.TestJwts;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key rotation as the gateway sees it: a JWKS served by a local server whose keys the test changes. */
class JwksKeysTest {

    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T08:00:00Z"));
    private HttpServer jwks;
    private JwksKeys keys;
    private TokenVerifier verifier;

    @BeforeEach
    void startJwks() throws IOException {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/oauth2/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(published.stream().map(key -> (JWK) key.toPublicJWK()).toList()).toString()
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        String uri = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/oauth2/jwks";
        keys = new JwksKeys(WebClient.create(), uri, Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofMinutes(10), clock, new SimpleMeterRegistry());
        PlatformSecurityProperties properties = new PlatformSecurityProperties(TestJwts.ISSUER, uri, TestJwts.AUDIENCE,
                List.of());
        verifier = new TokenVerifier(keys, properties, Clock.systemUTC());
    }

    @AfterEach
    void stopJwks() {
        jwks.stop(0);
    }

    @Test
    void keysAreFetchedOnceAndThenServedFromMemory() throws Exception {
        RSAKey first = rsaKey("key-1");
        published.add(first);

        for (int i = 0; i < 5; i++) {
            assertThat(verifier.verify(token(first, "user-" + i)).block()).extracting(Caller::subject)
                    .isEqualTo("user-" + i);
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aTokenSignedWithARotatedInKeyIsAcceptedAfterOneRefetch() throws Exception {
        RSAKey old = rsaKey("key-1");
        published.add(old);
        verifier.verify(token(old, "user-1")).block();
        clock.advance(Duration.ofSeconds(30));

        RSAKey rotated = rsaKey("key-2");
        published.add(rotated);
        assertThat(verifier.verify(token(rotated, "user-2")).block()).extracting(Caller::subject).isEqualTo("user-2");
        assertThat(verifier.verify(token(old, "user-3")).block()).extracting(Caller::subject).isEqualTo("user-3");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void unknownKeyIdsDoNotMakeTheGatewayFetchTheJwksOverAndOver() throws Exception {
        RSAKey known = rsaKey("key-1");
        published.add(known);
        verifier.verify(token(known, "user-1")).block();
        RSAKey invented = rsaKey("invented");

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> verifier.verify(token(invented, "attacker")).block())
                    .isInstanceOfSatisfying(TokenRejection.Failure.class,
                            failure -> assertThat(failure.reason()).isEqualTo(TokenRejection.UNKNOWN_KEY));
        }
        assertThat(fetches).hasValue(1); // within min-refresh-interval of the last fetch

        clock.advance(Duration.ofSeconds(11));
        assertThatThrownBy(() -> verifier.verify(token(invented, "attacker")).block())
                .isInstanceOf(TokenRejection.Failure.class);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void whenTheJwksCannotBeReachedAndNoKeyIsHeldTokensCannotBeCheckedRatherThanBeingCalledInvalid()
            throws Exception {
        RSAKey key = rsaKey("key-1");
        jwks.stop(0);

        assertThatThrownBy(() -> verifier.verify(token(key, "user-1")).block())
                .isInstanceOf(JwksKeys.KeysUnavailableException.class);
    }

    private static String token(RSAKey key, String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                TestJwts.token().subject(subject).claimsSet());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey rsaKey(String keyId) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(keyId).build();
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
