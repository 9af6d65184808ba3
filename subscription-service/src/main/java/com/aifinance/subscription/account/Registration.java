package com.aifinance.subscription.account;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.subscription.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-up, e-mail verification and password reset. Answers never reveal whether an e-mail address has an account:
 * signing up with a taken address and asking to reset an unknown one look the same to the caller.
 */
@Component
public class Registration {

    /** A pragmatic address check (RFC 5321 lengths, one @, a dot in the domain); the verification e-mail is the proof. */
    static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private final Accounts accounts;
    private final AccountTokens tokens;
    private final AccountNotifications notifications;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final AccountProperties properties;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;
    private final MeterRegistry meters;

    Registration(Accounts accounts, AccountTokens tokens, AccountNotifications notifications, PasswordPolicy policy,
                 PasswordEncoder passwords, AccountProperties properties, TransactionTemplate transactions,
                 Outbox outbox, ApplicationEventPublisher events, AuditLog audit, Clock clock, MeterRegistry meters) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.notifications = notifications;
        this.policy = policy;
        this.passwords = passwords;
        this.properties = properties;
        this.transactions = transactions;
        this.outbox = outbox;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
    }

    public static boolean validEmail(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email.strip()).matches();
    }

    /**
     * Creates an unverified account and e-mails a verification link; for an unverified existing account the link is
     * sent again, for a verified one nothing happens.
     *
     * @return the problems with the input (empty when the request was accepted)
     */
    public List<String> signUp(String email, String password) {
        if (!validEmail(email)) {
            return List.of("Enter a valid e-mail address.");
        }
        List<String> violations = policy.violations(password, email);
        if (!violations.isEmpty()) {
            return violations;
        }
        String hash = passwords.encode(password);
        transactions.executeWithoutResult(status -> {
            Optional<Account> existing = accounts.byEmail(email);
            if (existing.isPresent()) {
                if (!existing.get().emailVerified()) {
                    notifications.emailVerification(existing.get(), tokens.issue(existing.get().id(),
                            AccountTokens.Purpose.VERIFY_EMAIL, properties.verificationTtl()));
                }
                return;
            }
            Account account = accounts.create(email, hash, List.of("subscriber"), null);
            notifications.emailVerification(account, tokens.issue(account.id(), AccountTokens.Purpose.VERIFY_EMAIL,
                    properties.verificationTtl()));
            meters.counter("aifa_identity_signups_total").increment();
        });
        return List.of();
    }

    /** Creates an already-verified account (demo data, federated sign-in) and announces the subscriber. */
    public Account createVerified(String email, String passwordHash, List<String> roles) {
        return transactions.execute(status -> {
            Account account = accounts.create(email, passwordHash, roles, clock.instant());
            verified(account);
            return account;
        });
    }

    /** Marks the address verified when the token is good; the account can log in from then on. */
    public Optional<Account> verifyEmail(String token) {
        return transactions.execute(status -> tokens.consume(token, AccountTokens.Purpose.VERIFY_EMAIL)
                .flatMap(accounts::byId)
                .map(account -> {
                    if (!account.emailVerified()) {
                        accounts.markEmailVerified(account.id());
                        verified(account);
                    }
                    return accounts.byId(account.id()).orElseThrow();
                }));
    }

    /** E-mails a password reset link when the address has an account; silent otherwise. */
    public void requestPasswordReset(String email) {
        if (!validEmail(email)) {
            return;
        }
        transactions.executeWithoutResult(status -> accounts.byEmail(email).ifPresent(account ->
                notifications.passwordReset(account, tokens.issue(account.id(), AccountTokens.Purpose.RESET_PASSWORD,
                        properties.passwordResetTtl()))));
    }

    /**
     * Sets a new password with a reset token. A reset also verifies the address (the link reached its inbox),
     * lifts a lock, and ends every session and refresh token issued before.
     *
     * @return the problems (empty on success); an invalid or spent token is a problem too
     */
    public List<String> resetPassword(String token, String newPassword) {
        return transactions.execute(status -> {
            Optional<Account> account = tokens.consume(token, AccountTokens.Purpose.RESET_PASSWORD)
                    .flatMap(accounts::byId);
            if (account.isEmpty()) {
                return List.of("This reset link is invalid, expired or already used; ask for a new one.");
            }
            List<String> violations = policy.violations(newPassword, account.get().email());
            if (!violations.isEmpty()) {
                status.setRollbackOnly();
                return violations;
            }
            accounts.changePasswordHash(account.get().id(), passwords.encode(newPassword));
            accounts.clearLock(account.get().id());
            if (!account.get().emailVerified()) {
                accounts.markEmailVerified(account.get().id());
                verified(account.get());
            }
            audit.record("user:" + account.get().id(), "account.password_reset", "user:" + account.get().id(),
                    Map.of("lockedUntil", String.valueOf(account.get().lockedUntil())), Map.of("lockedUntil", "none"));
            events.publishEvent(new AccountEvents.PasswordReset(account.get().id()));
            return List.<String>of();
        });
    }

    private void verified(Account account) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", account.id().toString());
        data.put("email", account.email());
        data.put("registeredAt", account.createdAt().toString());
        outbox.publish(EventStreams.SUBSCRIPTION, "subscriber.registered", account.id().toString(), data);
        events.publishEvent(new AccountEvents.EmailVerified(account.id(), account.email()));
    }
}
