package com.aifinance.common.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How services check the platform's access tokens ({@code aifa.security.*}).
 *
 * @param issuer      the {@code iss} every token must carry: the public URL of the authorization server
 * @param jwkSetUri   where the signing keys are published (subscription-service's {@code /oauth2/jwks})
 * @param audience    a value the token's {@code aud} must contain
 * @param publicPaths Ant-style paths this service serves without a token (health and OpenAPI always are)
 */
@ConfigurationProperties("aifa.security")
public record PlatformSecurityProperties(
        @DefaultValue("http://localhost:8080") String issuer,
        @DefaultValue("http://127.0.0.1:5008/oauth2/jwks") String jwkSetUri,
        @DefaultValue("aifa-api") String audience,
        @DefaultValue List<String> publicPaths) {
}
