package com.aifinance.enterprise.sso;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for secrets we must be able to read back (an organisation's OIDC client secret). Each value is
 * {@code v1.<key id>.<base64url(nonce | ciphertext | tag)>}: a fresh 96-bit nonce, the key's id so a rotated key
 * can still decrypt old values, and {@code context} bound as associated data so a value copied to another
 * organisation's row does not decrypt.
 */
@Component
class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    SecretCipher(SecretProperties properties) {
        List<String> all = new ArrayList<>();
        if (!properties.key().isBlank()) {
            all.add(properties.key());
        }
        properties.previousKeys().stream().filter(key -> !key.isBlank()).forEach(all::add);
        for (String encoded : all) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encoded.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("aifa.enterprise.secrets: a key is not valid base64");
            }
            if (key.length != 32) {
                throw new IllegalStateException("aifa.enterprise.secrets: each key must be 32 bytes (base64 of 32 "
                        + "random bytes, e.g. `openssl rand -base64 32`), found " + key.length);
            }
            keys.putIfAbsent(keyId(key), new SecretKeySpec(key, "AES"));
        }
        currentKeyId = properties.key().isBlank() ? null : keys.keySet().iterator().next();
        if (currentKeyId == null) {
            log.warn("AIFA_ENTERPRISE_SECRET_KEY is not set: SSO client secrets cannot be stored");
        }
    }

    boolean canEncrypt() {
        return currentKeyId != null;
    }

    String encrypt(String plaintext, String context) {
        if (currentKeyId == null) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.of("secret-storage-unavailable"),
                    "Secret storage unavailable", "This installation has no encryption key for stored secrets "
                    + "(AIFA_ENTERPRISE_SECRET_KEY); ask the platform team.");
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] value = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return "v1." + currentKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    String decrypt(String stored, String context) {
        String[] parts = stored.split("\\.", 3);
        if (parts.length != 3 || !"v1".equals(parts[0]) || !keys.containsKey(parts[1])) {
            throw new IllegalStateException("a stored secret was encrypted with a key this installation lacks");
        }
        try {
            byte[] value = Base64.getUrlDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.get(parts[1]), new GCMParameterSpec(TAG_BITS, value, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(value, NONCE_BYTES, value.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // never the value or the key in the message
            throw new IllegalStateException("a stored secret failed authentication (wrong key or context)");
        }
    }

    private static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
