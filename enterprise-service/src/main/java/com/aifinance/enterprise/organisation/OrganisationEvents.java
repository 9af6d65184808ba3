package com.aifinance.enterprise.organisation;

import java.util.UUID;

/** The data of this package's events on {@code aifa.enterprise} (docs/contracts.md). */
final class OrganisationEvents {

    private OrganisationEvents() {
    }

    record OrganisationCreated(String organisationId, String name, String tier, int seatLimit) {
    }

    /** {@code member.added}, {@code member.removed}, {@code member.role_changed}; {@code roleClaim} is the token role. */
    record MemberChanged(String organisationId, String userId, String email, String role, String roleClaim,
                         String previousRole) {

        static MemberChanged of(Member member, String previousRole) {
            return new MemberChanged(member.organisationId().toString(), member.userId(), member.email(),
                    member.role().code(), member.role().claim(), previousRole);
        }
    }

    static String subject(UUID organisationId) {
        return "organisation-" + organisationId;
    }
}
