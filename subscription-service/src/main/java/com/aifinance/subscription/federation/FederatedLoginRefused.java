package com.aifinance.subscription.federation;

import java.util.UUID;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The identity provider vouched for someone, but this platform does not let them in that way.
 *
 * @param reason    stable code for the login page and the audit: {@code email_unverified}, {@code no_email},
 *                  {@code account_unverified}, {@code locked}, {@code domain_mismatch}, {@code sso_required}
 */
public class FederatedLoginRefused extends OAuth2AuthenticationException {

    private final String reason;
    private final String provider;
    private final String email;
    private final UUID accountId;
    private final String ssoRegistrationId;

    FederatedLoginRefused(String reason, String provider, String email, UUID accountId, String ssoRegistrationId) {
        super(new OAuth2Error("access_denied", "federated login refused: " + reason, null));
        this.reason = reason;
        this.provider = provider;
        this.email = email;
        this.accountId = accountId;
        this.ssoRegistrationId = ssoRegistrationId;
    }

    public String reason() {
        return reason;
    }

    public String provider() {
        return provider;
    }

    /** The address the provider asserted (may be null). */
    public String email() {
        return email;
    }

    /** The account concerned, when there is one. */
    public UUID accountId() {
        return accountId;
    }

    /** For {@code sso_required}: the organisation's registration the user must log in with instead. */
    public String ssoRegistrationId() {
        return ssoRegistrationId;
    }
}
