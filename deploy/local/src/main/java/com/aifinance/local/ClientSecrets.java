package com.aifinance.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth2 client secrets subscription-service generated for the platform's own clients on a developer's machine
 * ({@code data/client-secrets.json}); the launcher hands each service its own.
 */
final class ClientSecrets {

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private volatile String[] demoClient;

    void load(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            secrets.putAll(JsonMapper.builder().build().readValue(file.toFile(), new TypeReference<Map<String, String>>() {
            }));
        } catch (RuntimeException e) {
            throw new LocalPlatform.StartFailure("cannot read " + file + ": " + e.getMessage()
                    + "; delete it and start again (subscription-service writes new secrets)");
        }
    }

    /** The demo institutional client, which monitoring-service's synthetic journeys sign in with. */
    void loadDemoClient(Path demoCredentials) {
        if (!Files.isRegularFile(demoCredentials)) {
            return;
        }
        try {
            var client = JsonMapper.builder().build().readTree(demoCredentials.toFile()).path("institutionalClient");
            if (client.hasNonNull("clientId") && client.hasNonNull("clientSecret")) {
                demoClient = new String[] {client.path("clientId").asString(), client.path("clientSecret").asString()};
            }
        } catch (RuntimeException e) {
            demoClient = null;
        }
    }

    /** {clientId, clientSecret} of the demo institutional client, or null. */
    String[] demoClient() {
        return demoClient;
    }

    String secretOf(String clientId) {
        return secrets.get(clientId);
    }
}
