package com.aifinance.subscription.federation;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * enterprise-service's internal SSO lookup ({@code GET /api/enterprise/internal/sso?emailDomain=}, role
 * {@code service}): the organisation's verified SSO client with its decrypted secret. Called with this service's own
 * service token, only when a login goes to the organisation's provider; the secret is kept in memory only.
 */
@Component
class EnterpriseSso {

    private final IdentityProviderHttp http;
    private final ServiceToken token;
    private final FederationProperties properties;
    private final JsonMapper json;
    private final MeterRegistry meters;

    EnterpriseSso(IdentityProviderHttp http, ServiceToken token, FederationProperties properties, JsonMapper json,
                  MeterRegistry meters) {
        this.http = http;
        this.token = token;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
    }

    /** The verified SSO client of {@code emailDomain}; empty when enterprise-service knows none (404). */
    Optional<OrganisationClient> lookup(String emailDomain) {
        URI uri = properties.enterpriseUrl().resolve("/api/enterprise/internal/sso?emailDomain="
                + URLEncoder.encode(emailDomain, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.get(uri, token.bearer());
        } catch (IOException e) {
            count("unreachable");
            throw new FederationUnavailable("enterprise-service's SSO lookup failed: " + e.getMessage(), e);
        }
        if (response.statusCode() == 404) {
            count("not_found");
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            count("error");
            throw new FederationUnavailable("enterprise-service's SSO lookup answered " + response.statusCode());
        }
        try {
            JsonNode body = json.readTree(response.body());
            String secret = body.path("clientSecret").asString("");
            String clientId = body.path("clientId").asString("");
            if (secret.isBlank() || clientId.isBlank()) {
                throw new IllegalArgumentException("no client id or secret");
            }
            OrganisationClient client = new OrganisationClient(UUID.fromString(body.path("organisationId").asString()),
                    body.path("emailDomain").asString(), Issuers.requireUsable(body.path("issuer").asString()),
                    clientId, secret, body.path("enforced").asBoolean(false));
            count("found");
            return Optional.of(client);
        } catch (RuntimeException e) {
            count("error");
            throw new FederationUnavailable("enterprise-service's SSO lookup for " + emailDomain
                    + " answered something unusable: " + e.getClass().getSimpleName(), e);
        }
    }

    private void count(String outcome) {
        meters.counter("aifa_identity_sso_lookups_total", "outcome", outcome).increment();
    }

    /** An organisation's OIDC client at its own provider. */
    record OrganisationClient(UUID organisationId, String emailDomain, String issuer, String clientId,
                              String clientSecret, boolean enforced) {

        @Override
        public String toString() {
            return "OrganisationClient[organisationId=" + organisationId + ", emailDomain=" + emailDomain
                    + ", issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***]";
        }
    }
}
