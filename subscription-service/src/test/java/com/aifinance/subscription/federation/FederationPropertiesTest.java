package com.aifinance.subscription.federation;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FederationPropertiesTest {

    private static final List<String> SCOPES = List.of("openid", "email");

    @Test
    void aProviderWithoutClientIdOrSecretIsNotOffered() {
        Map<String, FederationProperties.Provider> providers = new LinkedHashMap<>();
        providers.put("google", new FederationProperties.Provider("Google", "https://accounts.google.com", "id",
                "secret", SCOPES));
        providers.put("linkedin", new FederationProperties.Provider("LinkedIn", "https://www.linkedin.com/oauth",
                "id", "", SCOPES));
        providers.put("other", new FederationProperties.Provider("Other", "https://idp.example", null, "secret",
                SCOPES));

        List<FederatedProviders.Provider> offered = new FederatedProviders(properties(providers)).available();

        assertThat(offered).extracting(FederatedProviders.Provider::id).containsExactly("google");
        assertThat(offered.getFirst().loginPath()).isEqualTo("/login/federated/google");
        assertThat(offered.getFirst().name()).isEqualTo("Google");
    }

    @Test
    void aConfiguredProviderMustUseHttpsExceptOnTheLoopbackInterface() {
        assertThatThrownBy(() -> properties(Map.of("google", new FederationProperties.Provider("Google",
                "http://accounts.google.com", "id", "secret", SCOPES))))
                .hasMessageContaining("https");
        assertThat(properties(Map.of("google", new FederationProperties.Provider("Google", "http://127.0.0.1:9000",
                "id", "secret", SCOPES))).configured()).containsKey("google");
    }

    @Test
    void providerIdsCannotImpersonateOrganisationRegistrations() {
        assertThatThrownBy(() -> properties(Map.of("org-acme", new FederationProperties.Provider("Acme",
                "https://idp.example", "id", "secret", SCOPES)))).hasMessageContaining("org-acme");
    }

    @Test
    void theSecretIsNeverPrinted() {
        assertThat(new FederationProperties.Provider("Google", "https://accounts.google.com", "id", "s3cr3t", SCOPES)
                .toString()).doesNotContain("s3cr3t");
    }

    private static FederationProperties properties(Map<String, FederationProperties.Provider> providers) {
        return new FederationProperties(providers, URI.create("http://127.0.0.1:5009"), Duration.ofMinutes(5),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
