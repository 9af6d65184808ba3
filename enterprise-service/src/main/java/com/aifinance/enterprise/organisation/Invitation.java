package com.aifinance.enterprise.organisation;

import java.time.Instant;
import java.util.UUID;

import com.aifinance.enterprise.access.OrgRole;
import com.fasterxml.jackson.annotation.JsonIgnore;

/** An invitation to join an organisation; the e-mailed token itself is never stored, only its SHA-256. */
record Invitation(UUID id, UUID organisationId, String email, OrgRole role, String invitedBy, Instant createdAt,
                  Instant expiresAt, Instant acceptedAt, String acceptedBy, Instant revokedAt) {

    @JsonIgnore
    boolean isOpen(Instant now) {
        return acceptedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }

    /** {@code open}, {@code accepted}, {@code revoked} or {@code expired}. */
    String status(Instant now) {
        if (acceptedAt != null) {
            return "accepted";
        }
        if (revokedAt != null) {
            return "revoked";
        }
        return now.isBefore(expiresAt) ? "open" : "expired";
    }
}
