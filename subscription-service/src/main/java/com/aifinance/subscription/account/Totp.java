package com.aifinance.subscription.account;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238, on HOTP of RFC 4226): the code for a 30-second step is the dynamically
 * truncated HMAC of the step counter. Authenticator apps use HMAC-SHA1 and 6 digits; the other algorithms exist for
 * the RFC's test vectors.
 */
final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);

    private final String algorithm;
    private final int digits;

    Totp(String algorithm, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6 to 8");
        }
        this.algorithm = algorithm;
        this.digits = digits;
    }

    /** What authenticator apps speak. */
    static Totp standard() {
        return new Totp("HmacSHA1", 6);
    }

    static long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP.toSeconds());
    }

    String codeAt(byte[] secret, Instant time) {
        return code(secret, stepAt(time));
    }

    String code(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int modulus = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The step whose code matches, looking one step either side of now for clock drift (RFC 6238 §5.2), and only at
     * steps after {@code lastUsedStep} so an observed code cannot be replayed.
     */
    OptionalLong verify(byte[] secret, String candidate, Instant now, long lastUsedStep) {
        if (candidate == null) {
            return OptionalLong.empty();
        }
        String code = candidate.replace(" ", "");
        if (code.length() != digits || !code.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long current = stepAt(now);
        for (long step = current - 1; step <= current + 1; step++) {
            if (step > lastUsedStep && MessageDigest.isEqual(code(secret, step).getBytes(), code.getBytes())) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }
}
