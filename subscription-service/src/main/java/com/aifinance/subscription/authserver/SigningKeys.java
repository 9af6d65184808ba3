package com.aifinance.subscription.authserver;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.aifinance.subscription.audit.AuditLog;
import com.aifinance.subscription.secrets.SecretBox;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys that sign tokens, published at {@code /oauth2/jwks}. In production the active key comes from
 * {@code AIFA_SIGNING_KEY} (and the one it replaced from {@code AIFA_SIGNING_KEY_PREVIOUS}); otherwise a key is
 * generated on first start and kept in the database, its private part encrypted. Rotating retires the active key:
 * it stops signing at once but stays published for {@code keyRetention}, until every token it signed has expired.
 * Instances re-read the keys every 30 seconds, so a rotation by one reaches all. The gauge
 * {@code aifa_identity_signing_key_age_seconds} tells how long the active key has been signing, so an alert can say
 * that a rotation is overdue.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration RELOAD_EVERY = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final Clock clock;
    private final AuthServerProperties properties;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private volatile Snapshot snapshot;

    SigningKeys(JdbcClient jdbc, SecretBox box, Clock clock, AuthServerProperties properties,
                TransactionTemplate transactions, AuditLog audit, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
        this.properties = properties;
        this.transactions = transactions;
        this.audit = audit;
        Gauge.builder("aifa_identity_signing_key_age_seconds", this, SigningKeys::activeKeyAgeSeconds)
                .description("Age of the key that signs tokens: since it was generated (database keys) or first signed "
                        + "here (AIFA_SIGNING_KEY); alert when it exceeds the rotation interval")
                .register(meters);
    }

    double activeKeyAgeSeconds() {
        return Duration.between(current().activeSince(), clock.instant()).toSeconds();
    }

    boolean fromEnvironment() {
        return properties.signingKey() != null && !properties.signingKey().isBlank();
    }

    /** Every published key (the active one with its private part, which {@code /oauth2/jwks} strips). */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(new JWKSet(current().published()));
    }

    /** A source holding only the active key: what signs. */
    JWKSource<SecurityContext> activeOnly() {
        return (selector, context) -> selector.select(new JWKSet(current().active()));
    }

    String activeKeyId() {
        return current().active().getKeyID();
    }

    List<KeyView> describe() {
        Snapshot keys = current();
        List<KeyView> views = new ArrayList<>();
        for (JWK key : keys.published()) {
            views.add(new KeyView(key.getKeyID(), key.getKeyID().equals(keys.active().getKeyID()),
                    keys.retiredAt().get(key.getKeyID())));
        }
        return views;
    }

    /**
     * Retires the active database key and makes a new one active.
     *
     * @return the new key's id
     */
    String rotate(String actor) {
        if (fromEnvironment()) {
            throw new IllegalStateException("keys come from the environment");
        }
        String kid = transactions.execute(status -> {
            jdbc.sql("select 1 from pg_advisory_xact_lock(hashtext('aifa.signing_keys'))").query(Integer.class).single();
            Instant now = clock.instant();
            String old = jdbc.sql("update signing_keys set retired_at = ? where retired_at is null returning kid")
                    .param(Timestamp.from(now)).query(String.class).optional().orElse(null);
            String created = insertNewKey(now);
            audit.record(actor, "signing_key.rotated", "jwks", Map.of("activeKid", String.valueOf(old)),
                    Map.of("activeKid", created));
            return created;
        });
        snapshot = null;
        log.info("Rotated the signing key; the new key id is {}", kid);
        return kid;
    }

    /** Rotates when the active database key is older than the rotation interval; drops long-retired keys. */
    void maintain() {
        if (fromEnvironment()) {
            return;
        }
        Instant now = clock.instant();
        Duration interval = properties.keyRotationInterval();
        if (!interval.isZero() && current().activeSince().plus(interval).isBefore(now)) {
            rotate("system");
        }
        jdbc.sql("delete from signing_keys where retired_at < ?")
                .param(Timestamp.from(now.minus(properties.keyRetention()).minus(Duration.ofDays(1)))).update();
    }

    private Snapshot current() {
        Snapshot keys = snapshot;
        if (keys == null || keys.loadedAt().plus(RELOAD_EVERY).isBefore(clock.instant())
                || keys.loadedAt().isAfter(clock.instant())) {
            keys = load();
            snapshot = keys;
        }
        return keys;
    }

    private synchronized Snapshot load() {
        Instant now = clock.instant();
        if (fromEnvironment()) {
            RSAKey active = PemKeys.privateKey(properties.signingKey());
            List<JWK> published = new ArrayList<>(List.of(active));
            if (properties.previousSigningKey() != null && !properties.previousSigningKey().isBlank()) {
                published.add(PemKeys.publicPart(properties.previousSigningKey()));
            }
            return new Snapshot(active, published, Map.of(), firstUse(active.getKeyID(), now), now);
        }
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select 1 from pg_advisory_xact_lock(hashtext('aifa.signing_keys'))").query(Integer.class).single();
            long active = jdbc.sql("select count(*) from signing_keys where retired_at is null").query(Long.class).single();
            if (active == 0) {
                String kid = insertNewKey(now);
                log.info("Generated the first signing key ({}); set AIFA_SIGNING_KEY to bring your own", kid);
            }
        });
        List<StoredKey> stored = jdbc.sql("""
                        select kid, public_jwk, private_key_encrypted, created_at, retired_at from signing_keys
                        where retired_at is null or retired_at > ? order by created_at desc""")
                .param(Timestamp.from(now.minus(properties.keyRetention())))
                .query((rs, row) -> new StoredKey(rs.getString("kid"), rs.getString("public_jwk"),
                        rs.getBytes("private_key_encrypted"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("retired_at") == null ? null : rs.getTimestamp("retired_at").toInstant()))
                .list();
        RSAKey active = null;
        Instant activeSince = now;
        List<JWK> published = new ArrayList<>();
        Map<String, Instant> retired = new java.util.HashMap<>();
        for (StoredKey key : stored) {
            RSAKey publicKey = parse(key.publicJwk());
            if (key.retiredAt() == null) {
                active = withPrivatePart(publicKey, box.decrypt(key.privateKey(), "signing-key:" + key.kid()));
                activeSince = key.createdAt();
                published.addFirst(active);
            } else {
                published.add(publicKey);
                retired.put(key.kid(), key.retiredAt());
            }
        }
        if (active == null) {
            throw new IllegalStateException("no active signing key");
        }
        return new Snapshot(active, List.copyOf(published), Map.copyOf(retired), activeSince, now);
    }

    /** When an environment key first signed here (its PEM has no date): what its age is counted from. */
    private Instant firstUse(String kid, Instant now) {
        try {
            jdbc.sql("insert into environment_signing_keys (kid, first_used_at) values (?, ?) on conflict do nothing")
                    .params(kid, Timestamp.from(now)).update();
            return jdbc.sql("select first_used_at from environment_signing_keys where kid = ?").param(kid)
                    .query(Timestamp.class).single().toInstant();
        } catch (org.springframework.dao.DataAccessException databaseDown) {
            // the JWKS of an environment key must not depend on the database: keep the date known, if any
            Snapshot known = snapshot;
            return known != null && known.active().getKeyID().equals(kid) ? known.activeSince() : now;
        }
    }

    private String insertNewKey(Instant now) {
        KeyPair pair = generate();
        RSAKey key;
        try {
            key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        jdbc.sql("insert into signing_keys (kid, public_jwk, private_key_encrypted, created_at) values (?, ?, ?, ?)")
                .params(key.getKeyID(), key.toPublicJWK().toJSONString(),
                        box.encrypt(pair.getPrivate().getEncoded(), "signing-key:" + key.getKeyID()),
                        Timestamp.from(now))
                .update();
        return key.getKeyID();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored public key is not a JWK", e);
        }
    }

    private static RSAKey withPrivatePart(RSAKey publicKey, byte[] pkcs8) {
        try {
            var privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new RSAKey.Builder(publicKey).privateKey((java.security.interfaces.RSAPrivateKey) privateKey).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("a stored private key is unreadable", e);
        }
    }

    /** What ops see about a key: never its private part. */
    record KeyView(String kid, boolean active, Instant retiredAt) {
    }

    private record StoredKey(String kid, String publicJwk, byte[] privateKey, Instant createdAt, Instant retiredAt) {
    }

    private record Snapshot(RSAKey active, List<JWK> published, Map<String, Instant> retiredAt, Instant activeSince,
                            Instant loadedAt) {
    }

    /** RSA keys in PEM, as operators put them in the environment. */
    static final class PemKeys {

        private PemKeys() {
        }

        static RSAKey privateKey(String pem) {
            try {
                byte[] der = der(pem, "PRIVATE KEY");
                RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(der));
                RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
                return new RSAKey.Builder(publicKey).privateKey(privateKey).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
            } catch (java.security.GeneralSecurityException | JOSEException | ClassCastException e) {
                throw new IllegalStateException("AIFA_SIGNING_KEY is not a PKCS#8 PEM RSA private key", e);
            }
        }

        /** The public part of a PEM private or public key. */
        static RSAKey publicPart(String pem) {
            if (pem.contains("PRIVATE KEY")) {
                return privateKey(pem).toPublicJWK();
            }
            try {
                RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
                return new RSAKey.Builder(publicKey).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint().build();
            } catch (java.security.GeneralSecurityException | JOSEException | ClassCastException e) {
                throw new IllegalStateException("AIFA_SIGNING_KEY_PREVIOUS is not a PEM RSA key", e);
            }
        }

        private static byte[] der(String pem, String label) {
            if (pem.contains("BEGIN RSA PRIVATE KEY")) {
                throw new IllegalStateException("the key is PKCS#1; convert it with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem' to PKCS#8");
            }
            String body = pem.replace("-----BEGIN " + label + "-----", "").replace("-----END " + label + "-----", "")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(body);
        }
    }
}
