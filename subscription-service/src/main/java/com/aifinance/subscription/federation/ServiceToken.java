package com.aifinance.subscription.federation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.aifinance.common.security.Caller;
import com.aifinance.common.security.PlatformSecurityProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * This service's own service token for calling other services' internal APIs. It is the token a
 * {@code client_credentials} grant gives a platform service (docs/contracts.md: {@code sub} = the service's name,
 * role {@code service}, scope {@code internal}, tier {@code none}, 15 minutes), signed with the platform's active key.
 * The issuer signs it directly instead of calling its own token endpoint over the network.
 */
@Component
class ServiceToken {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final JwtEncoder encoder;
    private final PlatformSecurityProperties security;
    private final Clock clock;
    private final String clientId;
    private final Duration lifetime;
    private volatile Issued current;

    ServiceToken(JwtEncoder encoder, PlatformSecurityProperties security, Clock clock,
                 @Value("${spring.application.name}") String clientId,
                 @Value("${aifa.identity.access-token-ttl:15m}") Duration lifetime) {
        this.encoder = encoder;
        this.security = security;
        this.clock = clock;
        this.clientId = clientId;
        this.lifetime = lifetime;
    }

    String bearer() {
        Instant now = clock.instant();
        Issued token = current;
        if (token == null || !now.isBefore(token.expiresAt().minus(RENEW_BEFORE_EXPIRY))) {
            token = issue(now);
            current = token;
        }
        return "Bearer " + token.value();
    }

    private Issued issue(Instant now) {
        Instant expiresAt = now.plus(lifetime);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(security.issuer())
                .subject(clientId)
                .audience(new ArrayList<>(List.of(clientId, security.audience())))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim("scope", "internal")
                .claim(Caller.TIER_CLAIM, "none")
                .claim(Caller.ROLES_CLAIM, new ArrayList<>(List.of("service")))
                .build();
        String value = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
        return new Issued(value, expiresAt);
    }

    private record Issued(String value, Instant expiresAt) {
    }
}
