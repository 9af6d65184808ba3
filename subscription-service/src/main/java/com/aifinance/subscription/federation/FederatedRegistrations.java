package com.aifinance.subscription.federation;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.aifinance.common.security.PlatformSecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.stereotype.Component;

/**
 * The OIDC clients this service logs users in with: the configured public providers ({@code google},
 * {@code linkedin}) and one per organisation with verified SSO ({@code org-<organisationId>}). Each is built on first
 * use from the provider's discovery document (and, for organisations, the client secret from enterprise-service), then
 * reused for {@code aifa.identity.federation.cache-for}. A provider that cannot be reached yields no registration, and
 * the login page says so instead of failing.
 */
@Component
public class FederatedRegistrations implements ClientRegistrationRepository {

    /** Where providers send the user back: below {@code /login/**}, which the gateway routes here. */
    public static final String CALLBACK_PATH = "/login/federated/callback/";
    public static final String START_PATH = "/login/federated";
    private static final Logger log = LoggerFactory.getLogger(FederatedRegistrations.class);

    private final FederationProperties properties;
    private final OidcDiscovery discovery;
    private final SsoDomains domains;
    private final EnterpriseSso enterprise;
    private final Clock clock;
    private final String publicBase;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    FederatedRegistrations(FederationProperties properties, OidcDiscovery discovery, SsoDomains domains,
                           EnterpriseSso enterprise, PlatformSecurityProperties security, Clock clock) {
        this.properties = properties;
        this.discovery = discovery;
        this.domains = domains;
        this.enterprise = enterprise;
        this.clock = clock;
        String issuer = security.issuer();
        this.publicBase = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        try {
            return resolve(registrationId).orElse(null);
        } catch (FederationUnavailable e) {
            log.warn("Federated login {} is unavailable: {}", registrationId, e.getMessage());
            return null;
        }
    }

    /**
     * The registration, or empty when there is none by that id.
     *
     * @throws FederationUnavailable when the provider or enterprise-service cannot be asked right now
     */
    Optional<ClientRegistration> resolve(String registrationId) {
        if (registrationId == null) {
            return Optional.empty();
        }
        if (registrationId.startsWith(FederationProperties.ORGANISATION_PREFIX)) {
            return organisation(registrationId);
        }
        FederationProperties.Provider provider = properties.configured().get(registrationId);
        if (provider == null) {
            return Optional.empty();
        }
        String key = provider.issuer() + "|" + provider.clientId();
        return Optional.of(cached(registrationId, key, () -> discovery.discover(provider.issuer())
                .registrationId(registrationId)
                .clientName(provider.name())
                .clientId(provider.clientId())
                .clientSecret(provider.clientSecret())
                .scope(provider.scopes())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(publicBase + CALLBACK_PATH + registrationId)
                .userNameAttributeName("sub")
                .build()));
    }

    private Optional<ClientRegistration> organisation(String registrationId) {
        UUID organisationId;
        try {
            organisationId = UUID.fromString(registrationId.substring(FederationProperties.ORGANISATION_PREFIX.length()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        Optional<SsoDomains.SsoDomain> domain = domains.forOrganisation(organisationId);
        if (domain.isEmpty()) {
            return Optional.empty();
        }
        // keyed by what the events say, so a changed issuer or client is picked up at once on every instance
        SsoDomains.SsoDomain sso = domain.get();
        String key = sso.emailDomain() + "|" + sso.issuer() + "|" + sso.clientId();
        Cached hit = cache.get(registrationId);
        if (hit != null && hit.key().equals(key) && clock.instant().isBefore(hit.expiresAt())) {
            return Optional.of(hit.registration());
        }
        Optional<EnterpriseSso.OrganisationClient> client = enterprise.lookup(sso.emailDomain())
                .filter(found -> found.organisationId().equals(organisationId));
        if (client.isEmpty()) {
            return Optional.empty();
        }
        EnterpriseSso.OrganisationClient found = client.get();
        return Optional.of(cached(registrationId, key, () -> discovery.discover(found.issuer())
                .registrationId(registrationId)
                .clientName(found.emailDomain())
                .clientId(found.clientId())
                .clientSecret(found.clientSecret())
                .scope("openid", "email", "profile")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(publicBase + CALLBACK_PATH + registrationId)
                .userNameAttributeName("sub")
                .build()));
    }

    private ClientRegistration cached(String registrationId, String key,
                                      java.util.function.Supplier<ClientRegistration> build) {
        Instant now = clock.instant();
        Cached hit = cache.get(registrationId);
        if (hit != null && hit.key().equals(key) && now.isBefore(hit.expiresAt())) {
            return hit.registration();
        }
        ClientRegistration registration = build.get();
        cache.put(registrationId, new Cached(key, registration, now.plus(properties.cacheFor())));
        return registration;
    }

    private record Cached(String key, ClientRegistration registration, Instant expiresAt) {
    }
}
