package com.aifinance.subscription.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.aifinance.subscription.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brute-force protection: every attempt is recorded; {@code maxFailures} failures within {@code failureWindow} lock
 * the account for {@code lockDuration}. A lock lifts by itself, through the unlock link e-mailed to the owner, or by
 * ops; a successful login, a lock or an unlock restarts the count. Each lock and unlock is audited.
 */
@Component
public class LoginProtection {

    private static final Logger log = LoggerFactory.getLogger(LoginProtection.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountProperties properties;
    private final AuditLog audit;
    private final AccountTokens tokens;
    private final AccountNotifications notifications;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    LoginProtection(JdbcClient jdbc, Clock clock, AccountProperties properties, AuditLog audit, AccountTokens tokens,
                    AccountNotifications notifications, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.audit = audit;
        this.tokens = tokens;
        this.notifications = notifications;
        this.transactions = transactions;
        this.meters = meters;
    }

    public void recordSuccess(Account account, String remoteAddress) {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            insertAttempt(account.id(), true, remoteAddress, now);
            jdbc.sql("update users set failures_reset_at = :now where id = :id")
                    .param("now", Timestamp.from(now)).param("id", account.id()).update();
        });
        meters.counter("aifa_identity_logins_total", "outcome", "success").increment();
    }

    /**
     * Records a failed password and locks the account when this failure reaches the limit.
     *
     * @return whether the account is now locked
     */
    public boolean recordFailure(Account account, String remoteAddress) {
        meters.counter("aifa_identity_logins_total", "outcome", "failure").increment();
        Boolean locked = transactions.execute(status -> {
            Instant now = clock.instant();
            // serialise concurrent failures of one account so the limit is exact
            jdbc.sql("select id from users where id = ? for update").param(account.id()).query(UUID.class).single();
            insertAttempt(account.id(), false, remoteAddress, now);
            long failures = jdbc.sql("""
                            select count(*) from login_attempts a join users u on u.id = a.user_id
                            where a.user_id = :id and not a.succeeded and a.attempted_at > :since
                              and (u.failures_reset_at is null or a.attempted_at > u.failures_reset_at)""")
                    .param("id", account.id()).param("since", Timestamp.from(now.minus(properties.failureWindow())))
                    .query(Long.class).single();
            if (failures < properties.maxFailures()) {
                return false;
            }
            Instant until = now.plus(properties.lockDuration());
            jdbc.sql("update users set locked_until = :until, failures_reset_at = :now, updated_at = :now where id = :id")
                    .param("until", Timestamp.from(until)).param("now", Timestamp.from(now)).param("id", account.id())
                    .update();
            audit.record("system", "account.locked", "user:" + account.id(),
                    Map.of("lockedUntil", "none"),
                    Map.of("lockedUntil", until.toString(), "failures", failures,
                            "lastAddress", String.valueOf(remoteAddress)));
            notifications.accountLocked(account, tokens.issue(account.id(), AccountTokens.Purpose.UNLOCK,
                    properties.unlockTtl()), until);
            return true;
        });
        if (Boolean.TRUE.equals(locked)) {
            meters.counter("aifa_identity_lockouts_total").increment();
            log.warn("Account {} locked after {} failed logins", account.id(), properties.maxFailures());
        }
        return Boolean.TRUE.equals(locked);
    }

    /** Lifts a lock (by its owner's e-mailed link or by ops); audited with the actor. */
    public boolean unlock(UUID userId, String actor) {
        Boolean changed = transactions.execute(status -> {
            Instant now = clock.instant();
            Timestamp lockedUntil = jdbc.sql("select locked_until from users where id = ? for update").param(userId)
                    .query(Timestamp.class).optional().orElse(null);
            if (lockedUntil == null || !lockedUntil.toInstant().isAfter(now)) {
                return false;
            }
            jdbc.sql("update users set locked_until = null, failures_reset_at = :now, updated_at = :now where id = :id")
                    .param("now", Timestamp.from(now)).param("id", userId).update();
            audit.record(actor, "account.unlocked", "user:" + userId,
                    Map.of("lockedUntil", lockedUntil.toInstant().toString()), Map.of("lockedUntil", "none"));
            return true;
        });
        return Boolean.TRUE.equals(changed);
    }

    /** Lifts the lock named by an e-mailed unlock token. */
    boolean unlockWithToken(String token) {
        return Boolean.TRUE.equals(transactions.execute(status -> tokens.consume(token, AccountTokens.Purpose.UNLOCK)
                .map(userId -> {
                    unlock(userId, "user:" + userId);
                    return true;
                }).orElse(false)));
    }

    private void insertAttempt(UUID userId, boolean succeeded, String remoteAddress, Instant at) {
        jdbc.sql("insert into login_attempts (user_id, succeeded, remote_address, attempted_at) values (?, ?, ?, ?)")
                .params(userId, succeeded, remoteAddress, Timestamp.from(at)).update();
    }
}
