package com.aifinance.subscription.federation;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

/**
 * Checks the ID tokens of identity providers: signature against the provider's JWKS (fetched with timeouts),
 * {@code iss}, {@code aud}, {@code azp}, expiry and {@code nonce} (OIDC Core §3.1.3.7). Spring Security's own factory
 * would cache a decoder per registration id forever; this one keys it by issuer, JWKS and client, so an organisation
 * that moves to another identity provider is checked against the new one.
 */
@Component
class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

    private static final List<SignatureAlgorithm> PREFERRED = List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256,
            SignatureAlgorithm.PS256, SignatureAlgorithm.RS384, SignatureAlgorithm.ES384, SignatureAlgorithm.RS512,
            SignatureAlgorithm.ES512, SignatureAlgorithm.PS384, SignatureAlgorithm.PS512);

    private final RestTemplate rest;
    private final Clock clock;
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    IdTokenDecoders(IdentityProviderHttp http, Clock clock) {
        this.rest = new RestTemplate(http.requestFactory());
        this.clock = clock;
    }

    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        ClientRegistration.ProviderDetails provider = registration.getProviderDetails();
        String key = registration.getRegistrationId() + "|" + provider.getIssuerUri() + "|" + provider.getJwkSetUri()
                + "|" + registration.getClientId();
        return decoders.computeIfAbsent(key, ignored -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(provider.getJwkSetUri())
                    .jwsAlgorithm(algorithm(provider.getConfigurationMetadata()))
                    .restOperations(rest)
                    .build();
            OidcIdTokenValidator oidc = new OidcIdTokenValidator(registration);
            oidc.setClock(clock);
            JwtTimestampValidator timestamps = new JwtTimestampValidator();
            timestamps.setClock(clock);
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, oidc));
            decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
            return decoder;
        });
    }

    /** RS256 unless the provider announces it signs ID tokens only otherwise (never {@code none} or HMAC). */
    private static SignatureAlgorithm algorithm(Map<String, Object> metadata) {
        if (!(metadata.get("id_token_signing_alg_values_supported") instanceof Collection<?> supported)
                || supported.contains("RS256")) {
            return SignatureAlgorithm.RS256;
        }
        return PREFERRED.stream().filter(algorithm -> supported.contains(algorithm.getName())).findFirst()
                .orElseThrow(() -> new FederationUnavailable("the provider signs ID tokens with no algorithm we accept: "
                        + supported));
    }
}
