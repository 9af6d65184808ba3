package com.aifinance.subscription.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account protection settings ({@code aifa.accounts.*}).
 *
 * @param maxFailures        failed logins within {@code failureWindow} that lock the account
 * @param failureWindow      how far back failures count
 * @param lockDuration       how long a lock lasts before it lifts by itself
 * @param verificationTtl    how long an e-mail verification link works
 * @param passwordResetTtl   how long a password reset link works
 * @param unlockTtl          how long an unlock link works
 * @param mfaIssuer          the issuer name authenticator apps show
 * @param recoveryCodes      how many one-time recovery codes a user gets
 */
@ConfigurationProperties("aifa.accounts")
public record AccountProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("24h") Duration verificationTtl,
        @DefaultValue("30m") Duration passwordResetTtl,
        @DefaultValue("24h") Duration unlockTtl,
        @DefaultValue("AI Finance Agency") String mfaIssuer,
        @DefaultValue("10") int recoveryCodes) {
}
