package com.aifinance.subscription.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import com.aifinance.subscription.audit.AuditLog;
import com.aifinance.subscription.secrets.SecretBox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * TOTP multi-factor authentication: enrollment (a secret shown as a QR code, confirmed by a first code), verification
 * with replay protection, and one-time recovery codes. Secrets are stored encrypted; recovery codes as SHA-256.
 */
@Component
public class Mfa {

    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final Clock clock;
    private final AccountProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();
    private final Totp totp = Totp.standard();

    Mfa(JdbcClient jdbc, SecretBox box, Clock clock, AccountProperties properties, AuditLog audit,
        TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
        this.properties = properties;
        this.audit = audit;
        this.transactions = transactions;
        this.meters = meters;
    }

    /** A new secret, pending until {@link #confirmEnrollment} proves the user's app has it. */
    public Enrollment startEnrollment(Account account) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        transactions.executeWithoutResult(status -> jdbc.sql(
                        "update users set mfa_secret = :secret, mfa_enabled_at = null, mfa_last_step = null where id = :id")
                .param("secret", box.encrypt(secret, context(account.id()))).param("id", account.id()).update());
        String base32 = Base32.encode(secret);
        String label = encode(properties.mfaIssuer()) + ":" + encode(account.email());
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(properties.mfaIssuer())
                + "&algorithm=SHA1&digits=6&period=30";
        return new Enrollment(base32, uri, QrCodes.pngDataUri(uri, 240));
    }

    /**
     * Turns MFA on when {@code code} matches the pending secret.
     *
     * @return the recovery codes, shown to the user once; empty when the code is wrong
     */
    public Optional<List<String>> confirmEnrollment(UUID userId, String code) {
        return transactions.execute(status -> {
            Optional<byte[]> secret = secretOf(userId, false);
            if (secret.isEmpty()) {
                return Optional.<List<String>>empty();
            }
            OptionalLong step = totp.verify(secret.get(), code, clock.instant(), Long.MIN_VALUE);
            if (step.isEmpty()) {
                return Optional.<List<String>>empty();
            }
            jdbc.sql("update users set mfa_enabled_at = :now, mfa_last_step = :step, updated_at = :now where id = :id")
                    .param("now", Timestamp.from(clock.instant())).param("step", step.getAsLong()).param("id", userId)
                    .update();
            List<String> codes = newRecoveryCodes(userId);
            audit.record("user:" + userId, "mfa.enabled", "user:" + userId, Map.of("mfa", false), Map.of("mfa", true));
            return Optional.of(codes);
        });
    }

    /** Checks a TOTP code (once per time step) or an unused recovery code, which is then spent. */
    public boolean verify(UUID userId, String code) {
        boolean ok = Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<byte[]> secret = secretOf(userId, true);
            if (secret.isEmpty() || code == null) {
                return false;
            }
            Long lastStep = jdbc.sql("select mfa_last_step from users where id = ? for update").param(userId)
                    .query(Long.class).optional().orElse(null);
            OptionalLong step = totp.verify(secret.get(), code, clock.instant(),
                    lastStep == null ? Long.MIN_VALUE : lastStep);
            if (step.isPresent()) {
                jdbc.sql("update users set mfa_last_step = ? where id = ?").params(step.getAsLong(), userId).update();
                return true;
            }
            String normalised = code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
            int spent = jdbc.sql("""
                            update mfa_recovery_codes set used_at = :now
                            where user_id = :id and code_hash = :hash and used_at is null""")
                    .param("now", Timestamp.from(clock.instant())).param("id", userId)
                    .param("hash", AccountTokens.hash(normalised)).update();
            if (spent == 1) {
                audit.record("user:" + userId, "mfa.recovery_code_used", "user:" + userId, null,
                        Map.of("remaining", remainingRecoveryCodes(userId)));
            }
            return spent == 1;
        }));
        meters.counter("aifa_identity_mfa_verifications_total", "outcome", ok ? "success" : "failure").increment();
        return ok;
    }

    /**
     * New recovery codes in place of all old ones (used or not), for a user who has MFA on.
     *
     * @return the codes, shown once; empty when MFA is off
     */
    public Optional<List<String>> regenerateRecoveryCodes(UUID userId, String reauthenticatedWith) {
        Optional<List<String>> codes = transactions.execute(status -> {
            if (secretOf(userId, true).isEmpty()) {
                return Optional.<List<String>>empty();
            }
            int before = remainingRecoveryCodes(userId);
            List<String> fresh = newRecoveryCodes(userId);
            audit.record("user:" + userId, "mfa.recovery_codes_regenerated", "user:" + userId,
                    Map.of("remaining", before), Map.of("remaining", fresh.size(), "reauthenticated", reauthenticatedWith));
            return Optional.of(fresh);
        });
        codes.ifPresent(ignored -> meters.counter("aifa_identity_mfa_changes_total", "change", "recovery_codes_regenerated")
                .increment());
        return codes;
    }

    /** Turns MFA off: the secret and every recovery code are deleted. Whether the user may is the caller's decision. */
    public boolean disable(UUID userId, String reauthenticatedWith) {
        boolean disabled = Boolean.TRUE.equals(transactions.execute(status -> {
            int changed = jdbc.sql("""
                            update users set mfa_secret = null, mfa_enabled_at = null, mfa_last_step = null,
                                             updated_at = :now
                            where id = :id and mfa_enabled_at is not null""")
                    .param("now", Timestamp.from(clock.instant())).param("id", userId).update();
            if (changed == 0) {
                return false;
            }
            jdbc.sql("delete from mfa_recovery_codes where user_id = ?").param(userId).update();
            audit.record("user:" + userId, "mfa.disabled", "user:" + userId, Map.of("mfa", true),
                    Map.of("mfa", false, "reauthenticated", reauthenticatedWith));
            return true;
        }));
        if (disabled) {
            meters.counter("aifa_identity_mfa_changes_total", "change", "disabled").increment();
        }
        return disabled;
    }

    public int remainingRecoveryCodes(UUID userId) {
        return jdbc.sql("select count(*) from mfa_recovery_codes where user_id = ? and used_at is null").param(userId)
                .query(Integer.class).single();
    }

    /**
     * Enrolls a user without the confirmation round trip, for demo users whose secret is handed to scripts.
     *
     * @return the base32 secret
     */
    public String enrollDirectly(UUID userId) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            update users set mfa_secret = :secret, mfa_enabled_at = :now, mfa_last_step = null,
                                             updated_at = :now where id = :id""")
                    .param("secret", box.encrypt(secret, context(userId))).param("now", Timestamp.from(clock.instant()))
                    .param("id", userId).update();
            newRecoveryCodes(userId);
        });
        return Base32.encode(secret);
    }

    /** The secret of an enrolled user, for demo credentials; empty when MFA is off. */
    public Optional<String> secretOfEnrolled(UUID userId) {
        return secretOf(userId, true).map(Base32::encode);
    }

    private Optional<byte[]> secretOf(UUID userId, boolean enabledOnly) {
        return jdbc.sql("select mfa_secret from users where id = ? and mfa_secret is not null"
                        + (enabledOnly ? " and mfa_enabled_at is not null" : ""))
                .param(userId).query((rs, row) -> rs.getBytes(1)).optional()
                .map(sealed -> box.decrypt(sealed, context(userId)));
    }

    private List<String> newRecoveryCodes(UUID userId) {
        jdbc.sql("delete from mfa_recovery_codes where user_id = ?").param(userId).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < properties.recoveryCodes(); i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
            }
            String plain = code.toString();
            jdbc.sql("insert into mfa_recovery_codes (user_id, code_hash) values (?, ?) on conflict do nothing")
                    .params(userId, AccountTokens.hash(plain)).update();
            codes.add(plain.substring(0, 5) + "-" + plain.substring(5));
        }
        return codes;
    }

    private static String context(UUID userId) {
        return "mfa:" + userId;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What the enrollment page shows: the secret for manual entry, the otpauth URI and its QR code. */
    public record Enrollment(String secret, String otpauthUri, String qrCodeDataUri) {
    }
}
