package com.aifinance.enterprise.audit;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** One audited action. */
record AuditEntry(
        long id,
        Instant occurredAt,
        UUID organisationId,
        @Schema(description = "the token subject, or system:<job> for scheduled work") String actorSubject,
        @Schema(description = "the organisation of the actor's token, if any") String actorOrganisation,
        @Schema(description = "the actor's token roles, space separated") String actorRoles,
        @Schema(description = "the client address, X-Forwarded-For believed only from trusted proxies") String actorAddress,
        String action,
        String target,
        @Schema(allowableValues = {"succeeded", "refused"}) String outcome,
        JsonNode before,
        JsonNode after) {
}
