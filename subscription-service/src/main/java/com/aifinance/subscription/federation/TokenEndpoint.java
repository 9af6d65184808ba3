package com.aifinance.subscription.federation;

import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/** Spring Security's client for the provider's token endpoint, as it builds it, but with this service's timeouts. */
final class TokenEndpoint {

    private TokenEndpoint() {
    }

    static RestClientAuthorizationCodeTokenResponseClient client(IdentityProviderHttp http) {
        RestClient rest = RestClient.builder()
                .requestFactory(http.requestFactory())
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(rest);
        return client;
    }
}
