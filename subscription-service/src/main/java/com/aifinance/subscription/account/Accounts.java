package com.aifinance.subscription.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The users table: find and change accounts. Callers own the transaction. */
@Component
public class Accounts {

    private static final String COLUMNS = """
            id, email, password_hash, email_verified_at, roles, organisation_id, locked_until,
            mfa_enabled_at is not null as mfa_enabled, created_at""";

    private final JdbcClient jdbc;
    private final Clock clock;

    Accounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from users where email = ?").param(normalise(email))
                .query(Accounts::map).optional();
    }

    public Optional<Account> byId(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?").param(id).query(Accounts::map).optional();
    }

    /** Creates an account; the e-mail must not be taken (the unique index refuses it otherwise). */
    public Account create(String email, String passwordHash, List<String> roles, Instant emailVerifiedAt) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into users (id, email, password_hash, email_verified_at, roles, created_at, updated_at)
                        values (:id, :email, :hash, :verified, :roles, :now, :now)""")
                .param("id", id)
                .param("email", normalise(email))
                .param("hash", passwordHash)
                .param("verified", emailVerifiedAt == null ? null : Timestamp.from(emailVerifiedAt))
                .param("roles", roles.toArray(String[]::new))
                .param("now", now)
                .update();
        return byId(id).orElseThrow();
    }

    public void markEmailVerified(UUID id) {
        jdbc.sql("update users set email_verified_at = coalesce(email_verified_at, :now), updated_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    public void changePasswordHash(UUID id, String passwordHash) {
        jdbc.sql("update users set password_hash = :hash, updated_at = :now where id = :id")
                .param("hash", passwordHash).param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    /** Lifts a lock and restarts the failure count (a password reset proves the owner is back). */
    public void clearLock(UUID id) {
        jdbc.sql("update users set locked_until = null, failures_reset_at = :now, updated_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    public void changeRolesAndOrganisation(UUID id, List<String> roles, UUID organisationId) {
        jdbc.sql("update users set roles = :roles, organisation_id = :org, updated_at = :now where id = :id")
                .param("roles", roles.toArray(String[]::new)).param("org", organisationId)
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        return new Account(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("password_hash"),
                instant(rs, "email_verified_at"),
                roles == null ? List.of() : Arrays.asList((String[]) roles.getArray()),
                rs.getObject("organisation_id", UUID.class), instant(rs, "locked_until"),
                rs.getBoolean("mfa_enabled"), instant(rs, "created_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
