package com.aifinance.billing.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Idempotency keys derived only from our own ids and the intent of the call: the same job retried computes the same
 * key, so the provider answers the first result instead of acting twice.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** {@code aifa-<action>-<sha256 of the parts>}: stable, short enough for every provider, reveals nothing. */
    public static String of(String action, Object... parts) {
        StringBuilder joined = new StringBuilder(action);
        for (Object part : parts) {
            joined.append('\u001f').append(part);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.toString().getBytes(StandardCharsets.UTF_8));
            return "aifa-" + action + "-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
