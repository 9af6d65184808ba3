package com.aifinance.subscription.authserver;

import java.util.Set;
import java.util.UUID;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Registers the platform's own clients at start-up (and updates them when configuration changes): dashboard-hub's
 * login client (authorization code with PKCE, refresh tokens) and one {@code client_credentials} client per service.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PlatformClients implements ApplicationRunner {

    static final String INTERNAL_SCOPE = "internal";

    private final RegisteredClientRepository clients;
    private final AuthServerProperties properties;
    private final ClientSecrets secrets;
    private final PasswordEncoder encoder;

    PlatformClients(RegisteredClientRepository clients, AuthServerProperties properties, ClientSecrets secrets,
                    PasswordEncoder encoder) {
        this.clients = clients;
        this.properties = properties;
        this.secrets = secrets;
        this.encoder = encoder;
    }

    @Override
    public void run(ApplicationArguments args) {
        registerAll();
    }

    void registerAll() {
        AuthServerProperties.Dashboard dashboard = properties.dashboard();
        save(dashboard.clientId(), "AI Finance Agency dashboards", builder -> builder
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> {
                    uris.clear();
                    uris.addAll(dashboard.redirectUris());
                })
                .postLogoutRedirectUris(uris -> {
                    uris.clear();
                    uris.addAll(dashboard.postLogoutRedirectUris());
                })
                .scopes(scopes -> {
                    scopes.clear();
                    scopes.addAll(dashboard.scopes());
                })
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .setting(ClientKind.SETTING, ClientKind.DASHBOARD.name()).build())
                .tokenSettings(tokenSettings(true)));
        for (String service : properties.serviceClients()) {
            save(service, service, builder -> builder
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scopes(scopes -> {
                        scopes.clear();
                        scopes.add(INTERNAL_SCOPE);
                    })
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false)
                            .setting(ClientKind.SETTING, ClientKind.SERVICE.name()).build())
                    .tokenSettings(tokenSettings(false)));
        }
    }

    TokenSettings tokenSettings(boolean refresh) {
        TokenSettings.Builder settings = TokenSettings.builder()
                .accessTokenTimeToLive(properties.accessTokenTtl())
                .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256);
        if (refresh) {
            settings.refreshTokenTimeToLive(properties.refreshTokenTtl()).reuseRefreshTokens(false);
        }
        return settings.build();
    }

    private void save(String clientId, String name, java.util.function.Consumer<RegisteredClient.Builder> shape) {
        String secret = secrets.secretFor(clientId);
        RegisteredClient existing = clients.findByClientId(clientId);
        RegisteredClient.Builder builder = existing != null ? RegisteredClient.from(existing)
                : RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId);
        builder.clientName(name);
        builder.clientAuthenticationMethods(Set::clear).authorizationGrantTypes(Set::clear);
        shape.accept(builder);
        if (existing == null || existing.getClientSecret() == null || !encoder.matches(secret, existing.getClientSecret())) {
            builder.clientSecret(encoder.encode(secret));
        }
        clients.save(builder.build());
    }
}
