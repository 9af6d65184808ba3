package com.aifinance.enterprise.support;

import java.time.Instant;
import java.util.UUID;

/** A support ticket and its two SLA clocks: first response and resolution, both set from the tier when opened. */
record Ticket(UUID id, long number, UUID organisationId, String subject, String description, String priority,
              SupportTier tier, String openedBy, String openedByEmail, Instant openedAt, Instant firstResponseDue,
              Instant resolutionDue, Instant firstRespondedAt, Instant resolvedAt, Instant firstResponseBreachedAt,
              Instant resolutionBreachedAt) {

    /** {@code open} (waiting for us), {@code responded} or {@code resolved}. */
    String status() {
        if (resolvedAt != null) {
            return "resolved";
        }
        return firstRespondedAt != null ? "responded" : "open";
    }
}
