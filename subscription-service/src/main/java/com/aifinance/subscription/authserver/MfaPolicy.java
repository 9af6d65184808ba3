package com.aifinance.subscription.authserver;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.lifecycle.Tiers;
import org.springframework.stereotype.Component;

/** Whose MFA is mandatory: enterprise-tier users (their own or their organisation's plan), as the tier promises. */
@Component
class MfaPolicy {

    private final Tiers tiers;

    MfaPolicy(Tiers tiers) {
        this.tiers = tiers;
    }

    boolean mandatory(Account account) {
        return "enterprise".equals(tiers.currentTier(account.id(), account.organisationId()));
    }
}
