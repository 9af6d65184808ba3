package com.aifinance.dashboard.platform;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's OAuth2 client registration {@code aifa} at subscription-service ({@code aifa.login.*}). Explicit
 * endpoints, no discovery at start-up: the gateway (the issuer's address) starts in the same wave as the hub.
 *
 * @param issuer           the {@code iss} of ID tokens: the platform's public URL
 * @param authorizationUri where the browser is sent to log in (through the gateway)
 * @param endSessionUri    RP-initiated logout (through the gateway)
 * @param tokenUri         back channel, straight to subscription-service
 */
@ConfigurationProperties("aifa.login")
public record LoginProperties(
        @DefaultValue("dashboard-hub") String clientId,
        String clientSecret,
        @DefaultValue("http://localhost:8080") String issuer,
        @DefaultValue("http://localhost:8080/oauth2/authorize") String authorizationUri,
        @DefaultValue("http://localhost:8080/oauth2/logout") String endSessionUri,
        @DefaultValue("http://127.0.0.1:5008/oauth2/token") String tokenUri,
        @DefaultValue("http://127.0.0.1:5008/oauth2/jwks") String jwkSetUri,
        @DefaultValue("http://127.0.0.1:5008/oauth2/userinfo") String userInfoUri,
        @DefaultValue({"openid", "profile", "email", "signals:read", "market-data:read", "accuracy:read"})
        List<String> scopes) {

    public static final String REGISTRATION_ID = "aifa";
}
