package com.aifinance.subscription.authserver;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The authorization server's settings ({@code aifa.identity.*}); the issuer is {@code aifa.security.issuer}.
 *
 * @param accessTokenTtl       lifetime of access (and ID) tokens
 * @param refreshTokenTtl      lifetime of refresh tokens (each use rotates it)
 * @param signingKey           PEM (PKCS#8) RSA private key from the environment ({@code AIFA_SIGNING_KEY}); when
 *                             blank, keys are generated and kept (encrypted) in the database
 * @param previousSigningKey   PEM of the key {@code signingKey} replaced, published until its tokens expire
 *                             ({@code AIFA_SIGNING_KEY_PREVIOUS})
 * @param keyRotationInterval  database keys older than this are rotated automatically (0 = never)
 * @param keyRetention         how long a retired key stays in the JWKS: at least the token lifetime plus skew
 * @param dashboard            the web dashboards' login client
 * @param serviceClients       client ids of the platform services ({@code client_credentials}, role {@code service})
 */
@ConfigurationProperties("aifa.identity")
public record AuthServerProperties(
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("7d") Duration refreshTokenTtl,
        String signingKey,
        String previousSigningKey,
        @DefaultValue("90d") Duration keyRotationInterval,
        @DefaultValue("20m") Duration keyRetention,
        @DefaultValue Dashboard dashboard,
        @DefaultValue({"gateway-service", "billing-service", "enterprise-service", "institutional-api-service",
                "analytics-service", "queue-monitor-service", "monitoring-service", "dashboard-hub-service"})
        List<String> serviceClients) {

    /**
     * @param clientId               the client id dashboard-hub logs users in with
     * @param redirectUris           where the authorization code may be sent ({@code AIFA_DASHBOARD_REDIRECT_URIS})
     * @param postLogoutRedirectUris where OIDC logout may return to
     * @param scopes                 what the dashboards may ask for
     */
    public record Dashboard(
            @DefaultValue("dashboard-hub") String clientId,
            @DefaultValue("http://localhost:8080/login/oauth2/code/aifa") List<String> redirectUris,
            @DefaultValue("http://localhost:8080/") List<String> postLogoutRedirectUris,
            @DefaultValue({"openid", "profile", "email", "signals:read", "market-data:read", "accuracy:read"})
            List<String> scopes) {
    }
}
