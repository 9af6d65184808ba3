package com.aifinance.dashboard.platform;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The platform claims of the user's access token (docs/contracts.md): tier, organisation, roles, scopes.
 *
 * <p>The hub reads them without checking the signature: the token came to the hub itself, straight from the
 * authorization server's token endpoint over the back channel, so it is the issuer's own answer; and the page must
 * keep working while the JWKS cannot be fetched. Every service the token is sent to checks it fully.
 */
public record TokenClaims(String subject, String tier, String organisation, Set<String> roles, Set<String> scopes,
                          Set<String> authenticationMethods) {

    public static TokenClaims parse(String accessToken) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
            String tier = Optional.ofNullable(claims.getStringClaim("tier")).orElse("none").toLowerCase(Locale.ROOT);
            Object scope = claims.getClaim("scope");
            Set<String> scopes = scope instanceof String text
                    ? Set.of(text.trim().split("\\s+")).stream().filter(s -> !s.isBlank()).collect(Collectors.toSet())
                    : scope instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.toSet())
                    : Set.of();
            return new TokenClaims(claims.getSubject(), tier, claims.getStringClaim("org"),
                    Set.copyOf(Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of())), scopes,
                    Set.copyOf(Optional.ofNullable(claims.getStringListClaim("amr")).orElse(List.of())));
        } catch (ParseException | RuntimeException e) {
            throw new SessionExpiredException("the access token cannot be read");
        }
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Spring Security authorities, as every service derives them: ROLE_X, SCOPE_x, TIER_X. */
    public List<String> authorities() {
        java.util.ArrayList<String> authorities = new java.util.ArrayList<>();
        roles.forEach(role -> authorities.add("ROLE_" + role.toUpperCase(Locale.ROOT)));
        scopes.forEach(scope -> authorities.add("SCOPE_" + scope));
        authorities.add("TIER_" + tier.toUpperCase(Locale.ROOT));
        return authorities;
    }
}
