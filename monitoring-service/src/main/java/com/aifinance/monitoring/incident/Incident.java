package com.aifinance.monitoring.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An incident and its timeline.
 *
 * @param service   the service it concerns, or null for a platform-wide one
 * @param automatic opened by the monitor after consecutive failed checks (and resolved by it on recovery)
 */
@Schema(description = "An incident with its timeline")
public record Incident(UUID id, String service, String title, String severity, String status, boolean automatic,
                       String openedBy, Instant openedAt, Instant resolvedAt, String resolution, List<Update> updates) {

    public boolean resolved() {
        return resolvedAt != null;
    }

    /** One entry of the timeline. */
    public record Update(Instant at, String status, String message, String author) {
    }
}
