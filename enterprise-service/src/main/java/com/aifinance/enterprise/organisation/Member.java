package com.aifinance.enterprise.organisation;

import java.time.Instant;
import java.util.UUID;

import com.aifinance.enterprise.access.OrgRole;

/** A platform user's seat in an organisation. */
public record Member(UUID organisationId, String userId, String email, OrgRole role, Instant joinedAt,
                     String invitedBy) {

    Member withRole(OrgRole newRole) {
        return new Member(organisationId, userId, email, newRole, joinedAt, invitedBy);
    }
}
