package com.aifinance.subscription.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * E-mails about an account, requested from queue-monitor-service with {@code notification.requested} on
 * {@code aifa.notify} through the outbox (so the e-mail goes out only if the change commits). Links point at the
 * platform's public URL; the tokens in them are never logged.
 */
@Component
class AccountNotifications {

    private final Outbox outbox;
    private final String publicUrl;

    AccountNotifications(Outbox outbox, @Value("${aifa.security.issuer}") String publicUrl) {
        this.outbox = outbox;
        this.publicUrl = publicUrl;
    }

    void emailVerification(Account account, AccountTokens.IssuedToken token) {
        send(account, "email_verification", Map.of(
                "verificationUrl", link("/login/verify-email", token.value()),
                "expiresAt", token.expiresAt().toString()));
    }

    void passwordReset(Account account, AccountTokens.IssuedToken token) {
        send(account, "password_reset", Map.of(
                "resetUrl", link("/login/reset-password", token.value()),
                "expiresAt", token.expiresAt().toString()));
    }

    void accountLocked(Account account, AccountTokens.IssuedToken unlock, java.time.Instant lockedUntil) {
        send(account, "account_locked", Map.of(
                "unlockUrl", link("/login/unlock", unlock.value()),
                "lockedUntil", lockedUntil.toString(),
                "resetUrl", publicUrl + "/login/forgot-password"));
    }

    private String link(String path, String token) {
        return UriComponentsBuilder.fromUriString(publicUrl).path(path).queryParam("token", token).build().toUriString();
    }

    private void send(Account account, String template, Map<String, Object> params) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("userId", account.id().toString());
        recipient.put("email", account.email());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("notificationId", UUID.randomUUID().toString());
        data.put("template", template);
        data.put("recipient", recipient);
        data.put("channel", "email");
        data.put("tier", null);
        data.put("params", params);
        data.put("priority", "high");
        outbox.publish(EventStreams.NOTIFY, "notification.requested", account.id().toString(), data);
    }
}
