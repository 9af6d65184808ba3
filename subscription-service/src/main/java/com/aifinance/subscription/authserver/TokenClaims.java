package com.aifinance.subscription.authserver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import com.aifinance.common.security.Caller;
import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Accounts;
import com.aifinance.subscription.account.PasswordLogin;
import com.aifinance.subscription.lifecycle.Tiers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The platform's claims (docs/contracts.md): {@code aud} includes {@code aifa-api}; {@code scope} is space-separated;
 * {@code tier}, {@code org} and {@code roles} are read fresh at every issue (a refresh picks up a plan change), and
 * {@code amr} says how the user authenticated. Enterprise-tier users get tokens only after MFA.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String AMR_CLAIM = "amr";

    private final Accounts accounts;
    private final Tiers tiers;
    private final AuthServerProperties properties;
    private final String audience;
    private final MfaPolicy mfaPolicy;

    TokenClaims(Accounts accounts, Tiers tiers, AuthServerProperties properties,
                @Value("${aifa.security.audience:aifa-api}") String audience, MfaPolicy mfaPolicy) {
        this.accounts = accounts;
        this.tiers = tiers;
        this.mfaPolicy = mfaPolicy;
        this.properties = properties;
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        JwtClaimsSet.Builder claims = context.getClaims();
        RegisteredClient client = context.getRegisteredClient();
        boolean idToken = context.getTokenType() != null
                && OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (idToken) {
            // ID tokens live as long as access tokens, so a retired key's retention covers both
            claims.claims(values -> values.put("exp", ((Instant) values.get("iat")).plus(properties.accessTokenTtl())));
            if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                claims.claim(AMR_CLAIM, mutable(methods(context.getPrincipal())));
                accountOf(context.getPrincipal()).ifPresent(account -> claims.claim("email", account.email()));
            }
            return;
        }
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        claims.audience(mutable(List.of(client.getClientId(), audience)));
        java.util.Set<String> scopes = context.getAuthorizedScopes();
        if (scopes.isEmpty() && AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            // a client that asks for no scope gets every scope it is registered for (RFC 6749 §3.3 default)
            scopes = client.getScopes();
        }
        claims.claim("scope", String.join(" ", new TreeSet<>(scopes)));
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            clientClaims(client, claims);
        } else {
            userClaims(context.getPrincipal(), claims);
        }
    }

    private void clientClaims(RegisteredClient client, JwtClaimsSet.Builder claims) {
        ClientKind kind = ClientKind.of(client).orElse(ClientKind.SERVICE);
        switch (kind) {
            case INSTITUTIONAL -> {
                claims.claim(Caller.TIER_CLAIM, "institutional");
                claims.claim(Caller.ROLES_CLAIM, mutable(List.of("institutional_client")));
                ClientKind.organisationOf(client).ifPresent(org -> claims.claim(Caller.ORGANISATION_CLAIM, org));
            }
            case SERVICE -> {
                claims.claim(Caller.TIER_CLAIM, Tiers.NONE);
                claims.claim(Caller.ROLES_CLAIM, mutable(List.of("service")));
            }
            case DASHBOARD -> throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
        }
    }

    private void userClaims(Authentication principal, JwtClaimsSet.Builder claims) {
        Account account = accountOf(principal).orElseThrow(() -> new OAuth2AuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The user no longer exists.", null)));
        String tier = tiers.currentTier(account.id(), account.organisationId());
        List<String> methods = methods(principal);
        if (!methods.contains("otp") && mfaPolicy.mandatory(account, tier)) {
            // the tier or the organisation's MFA policy changed since this login: log in again with MFA
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                    "enterprise".equals(tier) ? "Enterprise accounts need two-step verification; log in again."
                            : "Your organisation requires two-step verification; log in again.", null));
        }
        claims.claim(Caller.TIER_CLAIM, tier);
        claims.claim(Caller.ROLES_CLAIM, new ArrayList<>(new LinkedHashSet<>(account.roles())));
        if (account.organisationId() != null) {
            claims.claim(Caller.ORGANISATION_CLAIM, account.organisationId().toString());
        }
        claims.claim(AMR_CLAIM, mutable(methods));
    }

    private java.util.Optional<Account> accountOf(Authentication principal) {
        try {
            return accounts.byId(UUID.fromString(principal.getName()));
        } catch (IllegalArgumentException notAUserId) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Claims are also stored with the authorization and read back with Spring Security's allow-listing JSON mapper,
     * which accepts {@link ArrayList} but not the JDK's immutable lists.
     */
    private static List<String> mutable(List<String> values) {
        return new ArrayList<>(values);
    }

    static List<String> methods(Authentication principal) {
        return PasswordLogin.methods(principal);
    }
}
