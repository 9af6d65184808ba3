package com.aifinance.enterprise.apiclient;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One secret of a client, as a bcrypt hash.
 *
 * @param validUntil null for the current secret; the end of the overlap window for a rotated-out one
 */
record ClientSecret(UUID id, String clientId, @JsonIgnore String secretHash, Instant createdAt, Instant validUntil,
                    Instant revokedAt) {

    /** {@code current}, {@code previous} (rotated out, still inside its overlap), {@code expired} or {@code revoked}. */
    String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (validUntil == null) {
            return "current";
        }
        return now.isBefore(validUntil) ? "previous" : "expired";
    }
}
