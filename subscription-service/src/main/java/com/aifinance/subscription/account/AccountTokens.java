package com.aifinance.subscription.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Single-use tokens sent by e-mail: 256 random bits, of which only the SHA-256 is stored, so the table alone cannot
 * be used to verify, reset or unlock anything. Consuming one marks it used in the same statement (no double use).
 */
@Component
class AccountTokens {

    enum Purpose {
        VERIFY_EMAIL("verify_email"), RESET_PASSWORD("reset_password"), UNLOCK("unlock");

        final String column;

        Purpose(String column) {
            this.column = column;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AccountTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Issues a token; earlier unused tokens of the same purpose for this user stop working. */
    IssuedToken issue(UUID userId, Purpose purpose, Duration validity) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("update account_tokens set used_at = :now where user_id = :user and purpose = :purpose and used_at is null")
                .param("now", Timestamp.from(now)).param("user", userId).param("purpose", purpose.column).update();
        jdbc.sql("""
                        insert into account_tokens (token_hash, purpose, user_id, expires_at, created_at)
                        values (:hash, :purpose, :user, :expires, :now)""")
                .param("hash", hash(token)).param("purpose", purpose.column).param("user", userId)
                .param("expires", Timestamp.from(now.plus(validity))).param("now", Timestamp.from(now))
                .update();
        return new IssuedToken(token, now.plus(validity));
    }

    /** The user the token was issued to, if it is valid, unused and unexpired; it cannot be used again. */
    Optional<UUID> consume(String token, Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        update account_tokens set used_at = :now
                        where token_hash = :hash and purpose = :purpose and used_at is null and expires_at > :now
                        returning user_id""")
                .param("now", now).param("hash", hash(token)).param("purpose", purpose.column)
                .query(UUID.class).optional();
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record IssuedToken(String value, Instant expiresAt) {
    }
}
