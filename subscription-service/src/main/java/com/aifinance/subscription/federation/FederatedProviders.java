package com.aifinance.subscription.federation;

import java.util.List;

import org.springframework.stereotype.Component;

/** The public identity providers offered on the login page: those configured with a client id and secret. */
@Component
public class FederatedProviders {

    private final FederationProperties properties;

    FederatedProviders(FederationProperties properties) {
        this.properties = properties;
    }

    public List<Provider> available() {
        return properties.configured().entrySet().stream()
                .map(entry -> new Provider(entry.getKey(), entry.getValue().name() == null ? entry.getKey()
                        : entry.getValue().name(), FederatedRegistrations.START_PATH + "/" + entry.getKey()))
                .toList();
    }

    /**
     * @param loginPath where the login page's button goes (starts the authorization code flow)
     */
    public record Provider(String id, String name, String loginPath) {
    }
}
