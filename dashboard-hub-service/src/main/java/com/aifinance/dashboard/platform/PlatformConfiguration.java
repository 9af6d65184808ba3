package com.aifinance.dashboard.platform;

import java.net.http.HttpClient;
import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/** The hub's clock, service addresses, OAuth2 client registration and token endpoint clients. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ServiceEndpoints.class, LoginProperties.class})
class PlatformConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ClientRegistrationRepository clientRegistrations(LoginProperties login, PublicUrl publicUrl) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(LoginProperties.REGISTRATION_ID)
                .clientId(login.clientId())
                .clientSecret(login.clientSecret() == null ? "" : login.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(publicUrl.of("/login/oauth2/code/" + LoginProperties.REGISTRATION_ID))
                .scope(login.scopes())
                .authorizationUri(login.authorizationUri())
                .tokenUri(login.tokenUri())
                .jwkSetUri(login.jwkSetUri())
                .userInfoUri(login.userInfoUri())
                .userNameAttributeName("sub")
                .issuerUri(login.issuer())
                .providerConfigurationMetadata(java.util.Map.of("end_session_endpoint", login.endSessionUri()))
                .clientName("AI Finance Agency")
                // PKCE although the client has a secret: subscription-service requires it of the dashboard
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    @Bean
    OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokenClient(ServiceEndpoints endpoints) {
        RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();
        client.setRestClient(tokenEndpointClient(endpoints));
        return client;
    }

    @Bean
    OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCodeTokenClient(
            ServiceEndpoints endpoints) {
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(tokenEndpointClient(endpoints));
        return client;
    }

    /** The token endpoint, with the same short timeouts as every other back-channel call. */
    private static RestClient tokenEndpointClient(ServiceEndpoints endpoints) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(endpoints.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build());
        requests.setReadTimeout(endpoints.readTimeout().multipliedBy(2));
        return RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }
}
