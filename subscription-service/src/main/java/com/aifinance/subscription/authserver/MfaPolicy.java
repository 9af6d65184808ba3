package com.aifinance.subscription.authserver;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.lifecycle.Tiers;
import org.springframework.stereotype.Component;

/**
 * Whose MFA is mandatory: enterprise-tier users (their own or their organisation's plan), as the tier promises, and
 * every member of an organisation whose MFA policy requires it (enterprise-service's {@code mfa_policy.changed}).
 */
@Component
class MfaPolicy {

    private final Tiers tiers;
    private final OrganisationMfaPolicies organisations;

    MfaPolicy(Tiers tiers, OrganisationMfaPolicies organisations) {
        this.tiers = tiers;
        this.organisations = organisations;
    }

    boolean mandatory(Account account) {
        return mandatory(account, tiers.currentTier(account.id(), account.organisationId()));
    }

    /** The same, for a caller that already knows the user's tier. */
    boolean mandatory(Account account, String tier) {
        return "enterprise".equals(tier)
                || account.organisationId() != null && organisations.requiresMfa(account.organisationId());
    }
}
