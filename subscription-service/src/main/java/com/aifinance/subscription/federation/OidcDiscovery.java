package com.aifinance.subscription.federation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.Map;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an issuer's OpenID Connect discovery document (with this service's timeouts) and turns it into a client
 * registration: endpoints, JWKS, the client authentication the provider accepts (LinkedIn takes only
 * {@code client_secret_post}), and PKCE where the provider announces {@code S256}.
 */
@Component
class OidcDiscovery {

    private final IdentityProviderHttp http;
    private final JsonMapper json;

    OidcDiscovery(IdentityProviderHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    ClientRegistration.Builder discover(String issuer) {
        String location = (issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/openid-configuration";
        Map<String, Object> metadata;
        try {
            HttpResponse<String> response = http.get(URI.create(location), null);
            if (response.statusCode() != 200) {
                throw new FederationUnavailable("discovery of " + issuer + " answered " + response.statusCode());
            }
            metadata = json.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException | RuntimeException e) {
            if (e instanceof FederationUnavailable unavailable) {
                throw unavailable;
            }
            throw new FederationUnavailable("discovery of " + issuer + " failed: " + e.getMessage(), e);
        }
        // OIDC Discovery §4.3: the document must name the issuer it was fetched for, or it is not that issuer's
        if (!issuer.equals(metadata.get("issuer"))) {
            throw new FederationUnavailable("discovery of " + issuer + " names another issuer: " + metadata.get("issuer"));
        }
        ClientRegistration.Builder builder = ClientRegistrations.fromOidcConfiguration(metadata);
        boolean pkce = metadata.get("code_challenge_methods_supported") instanceof Collection<?> methods
                && methods.contains("S256");
        builder.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(pkce).build());
        return builder;
    }
}
