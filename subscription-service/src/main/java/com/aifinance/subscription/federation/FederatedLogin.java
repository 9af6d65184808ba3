package com.aifinance.subscription.federation;

import com.aifinance.subscription.account.Registration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Wires OIDC login into the login pages' filter chain: {@code /login/federated/{id}} starts the authorization code
 * flow (PKCE where the provider supports it, a nonce always, {@code login_hint} passed on), the provider returns to
 * {@code /login/federated/callback/{id}}, the ID token and userinfo are checked and the person matched to an account;
 * what happens next (MFA, the saved authorization request) is the caller's success handler.
 */
@Component
@EnableConfigurationProperties(FederationProperties.class)
public class FederatedLogin {

    private final FederatedRegistrations registrations;
    private final FederatedUserService users;
    private final IdentityProviderHttp http;

    FederatedLogin(FederatedRegistrations registrations, FederatedUserService users, IdentityProviderHttp http) {
        this.registrations = registrations;
        this.users = users;
        this.http = http;
    }

    public void configure(OAuth2LoginConfigurer<HttpSecurity> login, AuthenticationSuccessHandler success,
                          AuthenticationFailureHandler failure) {
        login.loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(new NothingKept())
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(new WithLoginHint(
                        new DefaultOAuth2AuthorizationRequestResolver(registrations, FederatedRegistrations.START_PATH))))
                .redirectionEndpoint(endpoint -> endpoint.baseUri(FederatedRegistrations.CALLBACK_PATH + "*"))
                .tokenEndpoint(token -> token.accessTokenResponseClient(TokenEndpoint.client(http)))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users))
                .successHandler(success)
                .failureHandler(failure);
    }

    /** Passes the address the user typed to the provider, so they need not type it again. */
    private record WithLoginHint(OAuth2AuthorizationRequestResolver resolver) implements OAuth2AuthorizationRequestResolver {

        @Override
        public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
            return hint(request, resolver.resolve(request));
        }

        @Override
        public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
            return hint(request, resolver.resolve(request, registrationId));
        }

        private static OAuth2AuthorizationRequest hint(HttpServletRequest request, OAuth2AuthorizationRequest resolved) {
            String hint = request.getParameter("login_hint");
            if (resolved == null || hint == null || !Registration.validEmail(hint)) {
                return resolved;
            }
            return OAuth2AuthorizationRequest.from(resolved)
                    .additionalParameters(parameters -> parameters.put("login_hint", hint.strip()))
                    .build();
        }
    }

    /** The provider's tokens are not needed after login (nothing here calls the provider's APIs), so none are kept. */
    private static final class NothingKept implements OAuth2AuthorizedClientRepository {

        @Override
        @SuppressWarnings("unchecked")
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, Authentication principal,
                                                                         HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
                                         HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
            // deliberately nothing
        }

        @Override
        public void removeAuthorizedClient(String registrationId, Authentication principal, HttpServletRequest request,
                                           jakarta.servlet.http.HttpServletResponse response) {
            // nothing was kept
        }
    }
}
