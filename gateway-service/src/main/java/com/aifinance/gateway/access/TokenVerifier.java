package com.aifinance.gateway.access;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.aifinance.common.security.Caller;
import com.aifinance.common.security.PlatformJwtValidation;
import com.aifinance.common.security.PlatformSecurityProperties;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies an access token as every service does ({@link PlatformJwtValidation#validator}): RS256 signed by a key
 * of the JWKS, then time, issuer, audience and subject. The signature is checked by Spring Security's reactive
 * Nimbus decoder; the claims are validated afterwards so that a refusal can be told apart by reason for metrics.
 */
final class TokenVerifier {

    private static final Set<String> TIERS = Set.of("none", "basic", "pro", "enterprise", "institutional");

    private final NimbusReactiveJwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final PlatformSecurityProperties properties;
    private final JwksKeys keys;
    private final Clock clock;

    TokenVerifier(JwksKeys keys, PlatformSecurityProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.validator = PlatformJwtValidation.validator(properties);
        this.decoder = NimbusReactiveJwtDecoder.withJwkSource(keys::keysFor)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                // Nimbus would refuse an expired token before the platform's validator could name the reason
                .jwtProcessorCustomizer(processor -> processor.setJWTClaimsSetVerifier((claims, context) -> {
                }))
                .build();
        // claims are validated below, after the signature, with the platform's validator
        this.decoder.setJwtValidator(token -> OAuth2TokenValidatorResult.success());
    }

    /** The verified caller, or an error: {@link TokenRejection.Failure}, or {@link JwksKeys.KeysUnavailableException}. */
    Mono<Caller> verify(String token) {
        SignedJWT signed;
        try {
            JWT parsed = JWTParser.parse(token);
            if (!(parsed instanceof SignedJWT jws)) {
                return reject(TokenRejection.UNSUPPORTED_ALGORITHM); // alg "none", or an encrypted token
            }
            signed = jws;
        } catch (ParseException e) {
            return reject(TokenRejection.MALFORMED);
        }
        if (!JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
            return reject(TokenRejection.UNSUPPORTED_ALGORITHM); // HS256 signed with the public key, ES256 …
        }
        String keyId = signed.getHeader().getKeyID();
        return decoder.decode(token)
                .onErrorMap(error -> {
                    JwksKeys.KeysUnavailableException unavailable = keysUnavailable(error);
                    if (unavailable != null) {
                        return unavailable;
                    }
                    if (error instanceof JwtException && error.getCause() instanceof IllegalArgumentException) {
                        // signature fine, but the claims cannot make a token (expiry before issue time …)
                        return new TokenRejection.Failure(TokenRejection.INVALID_CLAIMS);
                    }
                    if (error instanceof JwtException) {
                        return new TokenRejection.Failure(keys.holds(keyId) ? TokenRejection.BAD_SIGNATURE
                                : TokenRejection.UNKNOWN_KEY);
                    }
                    return error;
                })
                .flatMap(this::validated);
    }

    private Mono<Caller> validated(Jwt jwt) {
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            return reject(reasonFor(jwt));
        }
        Caller caller = Caller.of(jwt);
        if (!TIERS.contains(caller.tier())) {
            return reject(TokenRejection.UNKNOWN_TIER);
        }
        return Mono.just(caller);
    }

    /** Which of the platform's checks failed, read from the (authentic) token itself. */
    private TokenRejection reasonFor(Jwt jwt) {
        Instant now = clock.instant();
        if (jwt.getExpiresAt() != null && now.minus(PlatformJwtValidation.CLOCK_SKEW).isAfter(jwt.getExpiresAt())) {
            return TokenRejection.EXPIRED;
        }
        if (jwt.getNotBefore() != null && now.plus(PlatformJwtValidation.CLOCK_SKEW).isBefore(jwt.getNotBefore())) {
            return TokenRejection.NOT_YET_VALID;
        }
        if (jwt.getIssuer() == null || !properties.issuer().equals(jwt.getIssuer().toString())) {
            return TokenRejection.WRONG_ISSUER;
        }
        List<String> audience = jwt.getAudience();
        if (audience == null || !audience.contains(properties.audience())) {
            return TokenRejection.WRONG_AUDIENCE;
        }
        if (jwt.getSubject() == null) {
            return TokenRejection.NO_SUBJECT;
        }
        return TokenRejection.INVALID_CLAIMS;
    }

    private static JwksKeys.KeysUnavailableException keysUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwksKeys.KeysUnavailableException unavailable) {
                return unavailable;
            }
        }
        return null;
    }

    private static <T> Mono<T> reject(TokenRejection reason) {
        return Mono.error(new TokenRejection.Failure(reason));
    }
}
