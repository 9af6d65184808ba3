package com.aifinance.enterprise;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest extends EnterpriseTest {

    @Test
    void theOpenApiDocumentDescribesEveryFeatureOfTheApi() {
        JsonNode paths = get("/v3/api-docs", null).json().get("paths");

        assertThat(paths.propertyNames()).contains(
                "/api/enterprise/organisations",
                "/api/enterprise/organisations/{organisationId}/members/{userId}",
                "/api/enterprise/organisations/{organisationId}/invitations",
                "/api/enterprise/invitations/accept",
                "/api/enterprise/organisations/{organisationId}/allowlist",
                "/api/enterprise/allowlists",
                "/api/enterprise/organisations/{organisationId}/api-clients/{clientId}/rotation",
                "/api/enterprise/internal/api-clients/usage",
                "/api/enterprise/organisations/{organisationId}/sso",
                "/api/enterprise/internal/sso",
                "/api/enterprise/organisations/{organisationId}/mfa-policy",
                "/api/enterprise/branding",
                "/api/enterprise/branding/domains/{domain}",
                "/api/enterprise/organisations/{organisationId}/contracts",
                "/api/enterprise/organisations/{organisationId}/audit/export",
                "/api/enterprise/organisations/{organisationId}/support/tickets");
        assertThat(paths.get("/api/enterprise/organisations/{organisationId}/allowlist").get("put")
                .get("summary").asString()).isNotBlank();
    }
}
