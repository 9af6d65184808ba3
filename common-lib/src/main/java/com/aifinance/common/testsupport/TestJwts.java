package com.aifinance.common.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Access tokens for tests, signed like subscription-service signs them (RS256, a key published in a JWKS), so a
 * service under test checks them with its production decoder. The JWKS is served on a local port; the platform's
 * {@code @IntegrationTest} points {@code aifa.security.jwk-set-uri} at it.
 */
public final class TestJwts {

    public static final String ISSUER = "http://localhost:8080";
    public static final String AUDIENCE = "aifa-api";

    private static final RSAKey KEY = generate("test-key-1");
    private static HttpServer jwksServer;

    private TestJwts() {
    }

    /** A token for a subscriber of {@code tier} with the role {@code subscriber}. */
    public static String subscriber(String subject, String tier) {
        return token().subject(subject).tier(tier).roles("subscriber").sign();
    }

    /** A token for an ops user. */
    public static String ops(String subject) {
        return token().subject(subject).tier("none").roles("ops").sign();
    }

    public static Builder token() {
        return new Builder();
    }

    /** The public key a forger would have: it is in the JWKS. */
    public static RSAPublicKey publicKey() {
        try {
            return KEY.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL of the JWKS with the test signing key, starting its server on first use. */
    public static synchronized String jwkSetUri() {
        if (jwksServer == null) {
            try {
                jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            jwksServer.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            // a thread per request: under a loaded machine a single-threaded JWKS answers too late for the decoders
            jwksServer.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            jwksServer.start();
        }
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/oauth2/jwks";
    }

    private static RSAKey generate(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with valid defaults (15 minutes, platform issuer and audience), any of which a test may spoil. */
    public static final class Builder {

        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(UUID.randomUUID().toString())
                .issueTime(new Date())
                .notBeforeTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .claim("tier", "basic")
                .claim("roles", List.of("subscriber"))
                .claim("scope", "signals:read");

        public Builder subject(String subject) {
            claims.subject(subject);
            return this;
        }

        public Builder tier(String tier) {
            claims.claim("tier", tier);
            return this;
        }

        public Builder organisation(String organisation) {
            claims.claim("org", organisation);
            return this;
        }

        public Builder roles(String... roles) {
            claims.claim("roles", List.of(roles));
            return this;
        }

        public Builder scope(String scope) {
            claims.claim("scope", scope);
            return this;
        }

        public Builder issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Builder audience(String audience) {
            claims.audience(audience);
            return this;
        }

        public Builder expiresAt(Instant expiry) {
            claims.expirationTime(Date.from(expiry));
            return this;
        }

        public Builder notBefore(Instant notBefore) {
            claims.notBeforeTime(Date.from(notBefore));
            return this;
        }

        public Builder claims(Map<String, Object> extra) {
            extra.forEach(claims::claim);
            return this;
        }

        public JWTClaimsSet claimsSet() {
            return claims.build();
        }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                        claims.build());
                jwt.sign(new RSASSASigner(KEY));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
