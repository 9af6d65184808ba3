package com.aifinance.common.security;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The checks every access token passes, at the gateway and again in each service: RS256 only (so {@code alg: none}
 * and HMAC tokens signed with the public key are refused), signed by a key of the JWKS, not expired and already
 * valid (30 s of clock skew), issued by the platform, meant for the platform's API, with a subject.
 */
public final class PlatformJwtValidation {

    /** How far clocks may disagree. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private PlatformJwtValidation() {
    }

    public static OAuth2TokenValidator<Jwt> validator(PlatformSecurityProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(CLOCK_SKEW),
                new JwtIssuerValidator(properties.issuer()),
                audience(properties.audience()),
                subjectPresent()));
    }

    /** A servlet decoder fetching keys from the JWKS (cached, refetched when a token names an unknown key). */
    public static NimbusJwtDecoder decoder(PlatformSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audience(String expected) {
        return token -> {
            Collection<String> audience = token.getAudience();
            return audience != null && audience.contains(expected) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "The token is not meant for this API (aud)", null));
        };
    }

    private static OAuth2TokenValidator<Jwt> subjectPresent() {
        return token -> token.getClaimAsString(JwtClaimNames.SUB) != null ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has no subject", null));
    }
}
