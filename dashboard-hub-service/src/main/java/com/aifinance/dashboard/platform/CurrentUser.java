package com.aifinance.dashboard.platform;

import java.util.Set;

/**
 * The signed-in user as the pages need them: who (from the ID token) and what they may do (from the current access
 * token, so a plan change shows at the next token refresh).
 */
public record CurrentUser(String subject, String email, TokenClaims claims) {

    public static final Set<String> ORGANISATION_ROLES = Set.of("org_owner", "org_admin", "org_analyst", "org_billing");

    public String tier() {
        return claims.tier();
    }

    public String organisation() {
        return claims.organisation();
    }

    public boolean isOps() {
        return claims.hasRole("ops");
    }

    /** A member of an organisation (any organisation role). */
    public boolean isOrganisationMember() {
        return claims.organisation() != null && claims.roles().stream().anyMatch(ORGANISATION_ROLES::contains);
    }

    /** Owners and admins manage members, allowlists, API clients, branding and read the audit log. */
    public boolean isOrganisationAdmin() {
        return claims.organisation() != null && (claims.hasRole("org_owner") || claims.hasRole("org_admin"));
    }

    public boolean isOrganisationOwner() {
        return claims.organisation() != null && claims.hasRole("org_owner");
    }

    /** Owners, admins and billing members see contracts and the organisation's invoices. */
    public boolean canSeeContracts() {
        return isOrganisationAdmin() || (claims.organisation() != null && claims.hasRole("org_billing"));
    }

    /** Pro and Enterprise include real-time alerts (Telegram, WhatsApp) and advanced analytics. */
    public boolean hasProFeatures() {
        return "pro".equals(tier()) || "enterprise".equals(tier());
    }

    public boolean hasPlan() {
        return !"none".equals(tier());
    }

    /** What the header shows: the e-mail address, else the subject. */
    public String displayName() {
        return email != null ? email : subject;
    }
}
