package com.aifinance.subscription.federation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.aifinance.subscription.account.Registration;
import org.springframework.stereotype.Component;

/**
 * Sends users of a domain with organisation SSO to their organisation's identity provider: always when the
 * organisation enforces SSO (their password is not even checked), and on request ("Log in with single sign-on")
 * otherwise.
 */
@Component
public class SsoRouting {

    private final SsoDomains domains;
    private final FederatedRegistrations registrations;

    SsoRouting(SsoDomains domains, FederatedRegistrations registrations) {
        this.domains = domains;
        this.registrations = registrations;
    }

    /** Where a login for {@code email} must go instead of the password check, when its organisation enforces SSO. */
    public Optional<String> enforcedFor(String email) {
        return domains.forEmail(email).filter(SsoDomains.SsoDomain::enforced).map(sso -> startPath(sso, email));
    }

    /**
     * Where a user asking for single sign-on with {@code email} goes.
     *
     * @return the start of the organisation's login, or empty when the domain has no SSO
     * @throws FederationUnavailable when it has, but enterprise-service or the provider cannot be reached now
     */
    public Optional<String> startFor(String email) {
        Optional<SsoDomains.SsoDomain> sso = domains.forEmail(email);
        if (sso.isEmpty() || registrations.resolve(sso.get().registrationId()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(startPath(sso.get(), email));
    }

    private static String startPath(SsoDomains.SsoDomain sso, String email) {
        String path = FederatedRegistrations.START_PATH + "/" + sso.registrationId();
        return Registration.validEmail(email)
                ? path + "?login_hint=" + URLEncoder.encode(email.strip(), StandardCharsets.UTF_8) : path;
    }
}
