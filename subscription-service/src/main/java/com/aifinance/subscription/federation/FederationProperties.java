package com.aifinance.subscription.federation;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Federated login ({@code aifa.identity.federation.*}): the public OIDC providers offered on the login page and where
 * enterprise-service's per-organisation SSO configuration is read.
 *
 * @param providers      by id ({@code google}, {@code linkedin}); a provider without client id and secret is not offered
 * @param enterpriseUrl  enterprise-service's base URL ({@code ENTERPRISE_SERVICE_URL})
 * @param cacheFor       how long a provider's discovery document and an organisation's SSO client are reused
 * @param connectTimeout connecting to an identity provider or enterprise-service
 * @param readTimeout    waiting for their answer
 */
@ConfigurationProperties("aifa.identity.federation")
public record FederationProperties(
        @DefaultValue Map<String, Provider> providers,
        @DefaultValue("http://127.0.0.1:5009") URI enterpriseUrl,
        @DefaultValue("5m") Duration cacheFor,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {

    static final String ORGANISATION_PREFIX = "org-";
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    public FederationProperties {
        providers = new LinkedHashMap<>(providers);
        providers.forEach((id, provider) -> {
            if (!ID.matcher(id).matches() || id.startsWith(ORGANISATION_PREFIX) || "callback".equals(id)) {
                throw new IllegalArgumentException("aifa.identity.federation.providers: '" + id
                        + "' is not a usable provider id (lower-case letters, digits and '-', not 'org-…')");
            }
            if (provider.configured()) {
                Issuers.requireUsable(provider.issuer());
            }
        });
    }

    /** The providers with a client id and secret, in configuration order. */
    Map<String, Provider> configured() {
        Map<String, Provider> configured = new LinkedHashMap<>();
        providers.forEach((id, provider) -> {
            if (provider.configured()) {
                configured.put(id, provider);
            }
        });
        return configured;
    }

    /**
     * @param name         shown on the login page ("Log in with …")
     * @param issuer       the OIDC issuer; its {@code /.well-known/openid-configuration} describes the rest
     * @param clientId     this platform's client id at the provider
     * @param clientSecret its secret (environment only)
     * @param scopes       asked for at login; {@code email} is what matters
     */
    public record Provider(String name, String issuer, String clientId, String clientSecret,
                           @DefaultValue({"openid", "email", "profile"}) List<String> scopes) {

        boolean configured() {
            return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank()
                    && issuer != null && !issuer.isBlank();
        }

        @Override
        public String toString() {
            return "Provider[name=" + name + ", issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***]";
        }
    }
}
