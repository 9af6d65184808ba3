package com.aifinance.enterprise.access;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is acting, from the verified access token only, and from which address: what the audit log records.
 *
 * @param subject      the token's {@code sub}, or {@code system:<job>} for scheduled work
 * @param organisation the token's {@code org}, when it has one
 * @param roles        the token's {@code roles}
 * @param address      the client address (see {@code ClientAddresses}), or null for scheduled work
 * @param email        the token's {@code email} claim, when it has one
 */
public record Actor(String subject, String organisation, Set<String> roles, String address, String email) {

    public static final String OPS = "ops";
    public static final String SERVICE = "service";

    public Actor {
        roles = Set.copyOf(roles);
    }

    /** A scheduled job acting on the platform's behalf. */
    public static Actor system(String job) {
        return new Actor("system:" + job, null, Set.of(), null, null);
    }

    public boolean isOps() {
        return roles.contains(OPS);
    }

    public boolean isService() {
        return roles.contains(SERVICE);
    }

    public boolean holds(OrgRole role) {
        return roles.contains(role.claim());
    }

    public boolean mayAct(Permission permission) {
        return roles.stream().map(OrgRole::fromClaim).flatMap(Optional::stream).anyMatch(permission::grantedTo);
    }

    /** The token's organisation, when it names a well-formed one. */
    public Optional<UUID> organisationId() {
        if (organisation == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(organisation));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean belongsTo(UUID organisationId) {
        return organisationId().map(organisationId::equals).orElse(false);
    }
}
