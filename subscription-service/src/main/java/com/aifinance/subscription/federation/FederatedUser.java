package com.aifinance.subscription.federation;

import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** A person the identity provider vouched for, matched to (or created as) an account here. */
public final class FederatedUser extends DefaultOidcUser {

    private final UUID accountId;
    private final String provider;

    FederatedUser(OidcUser verified, UUID accountId, String provider) {
        super(List.of(), verified.getIdToken(), verified.getUserInfo(), "sub");
        this.accountId = accountId;
        this.provider = provider;
    }

    /** The account the login is for. */
    public UUID accountId() {
        return accountId;
    }

    /** {@code google}, {@code linkedin} or {@code organisation}. */
    public String provider() {
        return provider;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FederatedUser user && super.equals(user) && accountId.equals(user.accountId);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + accountId.hashCode();
    }
}
