package com.aifinance.enterprise.apiclient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An institutional client of the {@code /v1} API; its secrets are in {@link ClientSecret}. */
record ApiClient(String clientId, UUID organisationId, String name, List<String> scopes, long quotaPerHour,
                 UUID contractId, Instant createdAt, String createdBy, Instant revokedAt, String revokedBy,
                 String revocationReason, Instant lastUsedAt, long requestsTotal) {

    boolean revoked() {
        return revokedAt != null;
    }

    String status() {
        return revoked() ? "revoked" : "active";
    }
}
