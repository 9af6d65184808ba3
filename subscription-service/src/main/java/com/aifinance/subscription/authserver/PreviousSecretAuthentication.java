package com.aifinance.subscription.authserver;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Client-secret authentication that also accepts an institutional client's previous secret during the grace period
 * after a rotation; everything else is the standard provider's decision.
 */
final class PreviousSecretAuthentication implements AuthenticationProvider {

    private final AuthenticationProvider standard;
    private final InstitutionalClients institutionalClients;

    PreviousSecretAuthentication(AuthenticationProvider standard, InstitutionalClients institutionalClients) {
        this.standard = standard;
        this.institutionalClients = institutionalClients;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        try {
            return standard.authenticate(authentication);
        } catch (OAuth2AuthenticationException refused) {
            OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
            ClientAuthenticationMethod method = client.getClientAuthenticationMethod();
            boolean secretBased = ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
                    || ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method);
            if (!secretBased || client.getCredentials() == null) {
                throw refused;
            }
            Optional<RegisteredClient> registered = institutionalClients.acceptsPreviousSecret(
                    client.getPrincipal().toString(), client.getCredentials().toString());
            return registered.map(found -> new OAuth2ClientAuthenticationToken(found, method, client.getCredentials()))
                    .orElseThrow(() -> refused);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return standard.supports(authentication);
    }
}
