package com.aifinance.subscription.federation;

import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

/**
 * After the provider's ID token has been checked: reads the userinfo endpoint (with timeouts; Spring Security checks
 * its {@code sub} is the ID token's), then matches the person to an account ({@link FederatedAccounts}).
 */
@Component
public class FederatedUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService oidc = new OidcUserService();
    private final FederatedAccounts accounts;

    FederatedUserService(IdentityProviderHttp http, FederatedAccounts accounts) {
        this.accounts = accounts;
        RestTemplate rest = new RestTemplate(http.requestFactory());
        rest.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
        userInfo.setRestOperations(rest);
        oidc.setOauth2UserService(userInfo);
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser verified = oidc.loadUser(request);
        return accounts.signIn(verified, request.getClientRegistration().getRegistrationId());
    }
}
