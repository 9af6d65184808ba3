package com.aifinance.subscription.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person who logs in.
 *
 * @param passwordHash   null for users who only log in through Google or LinkedIn
 * @param roles          platform roles ({@code subscriber}, {@code ops}, {@code org_admin} …)
 * @param organisationId the enterprise organisation the user belongs to, or null
 */
public record Account(UUID id, String email, String passwordHash, Instant emailVerifiedAt, List<String> roles,
                      UUID organisationId, Instant lockedUntil, boolean mfaEnabled, Instant createdAt) {

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
