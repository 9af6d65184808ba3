package com.aifinance.institutional.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Encrypts webhook signing secrets at rest (AES-256-GCM): we must keep them readable to sign, so they are not hashed,
 * but a database dump alone does not reveal them.
 * <p>
 * A value is {@code v1.<key id>.<base64(nonce | ciphertext | tag)>}, the key id being the first 4 bytes of the key's
 * SHA-256 in hex: after a rotation ({@code AIFA_WEBHOOK_ENCRYPTION_KEY} new, {@code AIFA_WEBHOOK_ENCRYPTION_KEY_PREVIOUS}
 * old) values under the old key still decrypt, and {@link #isCurrent} tells which rows to re-encrypt. Values written
 * before key ids existed (bare base64) are tried with the current key, then the previous one.
 */
@Component
class SecretCipher {

    static final String PRODUCTION_PROFILE = "production";

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Anyone can read this in the source: only for a developer's machine and tests. */
    private static final byte[] DEVELOPMENT_KEY = sha256("aifa local development webhook key");

    private final String currentKeyId;
    /** Current key first, then the previous one (if any and different). */
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    SecretCipher(WebhookProperties properties, Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE));
        String configured = properties.encryptionKey();
        String previous = properties.previousEncryptionKey();
        byte[] current;
        if (configured == null || configured.isBlank()) {
            if (production) {
                throw new IllegalStateException("AIFA_WEBHOOK_ENCRYPTION_KEY is not set: the production profile refuses "
                        + "the built-in development key (set a key: openssl rand -base64 32)");
            }
            if (previous != null && !previous.isBlank()) {
                throw new IllegalStateException("AIFA_WEBHOOK_ENCRYPTION_KEY_PREVIOUS is set without "
                        + "AIFA_WEBHOOK_ENCRYPTION_KEY: set the new key too");
            }
            log.warn("AIFA_WEBHOOK_ENCRYPTION_KEY is not set: webhook secrets are encrypted with the development key");
            current = DEVELOPMENT_KEY;
        } else {
            current = decode(configured, "AIFA_WEBHOOK_ENCRYPTION_KEY");
            if (production && Arrays.equals(current, DEVELOPMENT_KEY)) {
                throw new IllegalStateException("AIFA_WEBHOOK_ENCRYPTION_KEY is the built-in development key, which "
                        + "the production profile refuses (set a key: openssl rand -base64 32)");
            }
        }
        currentKeyId = keyId(current);
        keys.put(currentKeyId, new SecretKeySpec(current, "AES"));
        if (previous != null && !previous.isBlank()) {
            byte[] old = decode(previous, "AIFA_WEBHOOK_ENCRYPTION_KEY_PREVIOUS");
            keys.putIfAbsent(keyId(old), new SecretKeySpec(old, "AES"));
        }
    }

    /** The id that values encrypted now carry. */
    String currentKeyId() {
        return currentKeyId;
    }

    String encrypt(String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return VERSION + "." + currentKeyId + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    String decrypt(String stored) {
        String[] parts = stored.split("\\.", 3);
        if (parts.length == 3 && VERSION.equals(parts[0])) {
            SecretKeySpec key = keys.get(parts[1]);
            if (key == null) {
                throw new IllegalStateException("a webhook secret was encrypted with key " + parts[1]
                        + ", which is neither AIFA_WEBHOOK_ENCRYPTION_KEY nor AIFA_WEBHOOK_ENCRYPTION_KEY_PREVIOUS");
            }
            return open(key, parts[2]).orElseThrow(() -> new IllegalStateException(
                    "a webhook secret failed authentication under key " + parts[1]));
        }
        // written before values carried a key id: whichever key opens it (GCM's tag tells a wrong key apart)
        List<String> tried = new ArrayList<>();
        for (Map.Entry<String, SecretKeySpec> key : keys.entrySet()) {
            var opened = open(key.getValue(), stored);
            if (opened.isPresent()) {
                return opened.get();
            }
            tried.add(key.getKey());
        }
        throw new IllegalStateException("a webhook secret cannot be decrypted with keys " + tried + " (wrong key?)");
    }

    /** Whether {@code stored} is already encrypted with the current key in the current format. */
    boolean isCurrent(String stored) {
        return stored.startsWith(VERSION + "." + currentKeyId + ".");
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Optional<String> open(SecretKeySpec key, String base64) {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (in.length <= NONCE_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return Optional.of(new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES),
                    StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] decode(String base64, String variable) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(variable + " must be 32 bytes, base64-encoded (openssl rand -base64 32)");
        }
        return bytes;
    }

    private static String keyId(byte[] key) {
        return HexFormat.of().formatHex(sha256(key), 0, 4);
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
