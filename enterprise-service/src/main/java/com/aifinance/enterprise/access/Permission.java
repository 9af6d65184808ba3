package com.aifinance.enterprise.access;

import java.util.EnumSet;
import java.util.Set;

import static com.aifinance.enterprise.access.OrgRole.ADMIN;
import static com.aifinance.enterprise.access.OrgRole.ANALYST;
import static com.aifinance.enterprise.access.OrgRole.BILLING;
import static com.aifinance.enterprise.access.OrgRole.OWNER;

/**
 * What a caller may do to an organisation: the roles matrix of docs/enterprise.md in one place. Platform staff
 * (role {@code ops}) hold every permission on every organisation; members hold those of their role, on their own
 * organisation only.
 */
public enum Permission {
    VIEW_ORGANISATION(OWNER, ADMIN, ANALYST, BILLING),
    OPEN_TICKETS(OWNER, ADMIN, ANALYST, BILLING),
    VIEW_CONTRACTS(OWNER, ADMIN, BILLING),
    MANAGE_MEMBERS(OWNER, ADMIN),
    MANAGE_SECURITY(OWNER, ADMIN),
    MANAGE_BRANDING(OWNER, ADMIN),
    VIEW_AUDIT(OWNER, ADMIN),
    /** Platform staff only: create organisations, set seat limits. */
    MANAGE_ORGANISATIONS,
    /** Platform staff only: sign and renew contracts. */
    MANAGE_CONTRACTS,
    /** Platform staff only: support tier, account managers, answering tickets. */
    MANAGE_SUPPORT;

    private final Set<OrgRole> roles;

    Permission(OrgRole... roles) {
        this.roles = roles.length == 0 ? EnumSet.noneOf(OrgRole.class) : EnumSet.of(roles[0], roles);
    }

    public Set<OrgRole> roles() {
        return Set.copyOf(roles);
    }

    public boolean grantedTo(OrgRole role) {
        return roles.contains(role);
    }
}
