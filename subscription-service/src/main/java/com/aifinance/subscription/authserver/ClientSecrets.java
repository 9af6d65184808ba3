package com.aifinance.subscription.authserver;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.aifinance.subscription.secrets.LocalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The secrets of the platform's own clients. Production passes each as {@code AIFA_CLIENT_SECRET_<CLIENT_ID>}
 * (upper case, {@code -} as {@code _}, e.g. {@code AIFA_CLIENT_SECRET_BILLING_SERVICE}); each service gets its own.
 * Where one is missing (a developer's machine), it is generated once and kept in the local data folder's
 * {@code client-secrets.json} (owner-readable only), where the local platform's services can read it.
 */
@Component
class ClientSecrets {

    static final String FILE = "client-secrets.json";
    private static final Logger log = LoggerFactory.getLogger(ClientSecrets.class);

    private final Environment environment;
    private final LocalData local;
    private final JsonMapper mapper;
    private final SecureRandom random = new SecureRandom();

    ClientSecrets(Environment environment, LocalData local, JsonMapper mapper) {
        this.environment = environment;
        this.local = local;
        this.mapper = mapper;
    }

    static String variableFor(String clientId) {
        return "AIFA_CLIENT_SECRET_" + clientId.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    synchronized String secretFor(String clientId) {
        String configured = environment.getProperty(variableFor(clientId));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Map<String, String> stored = new TreeMap<>(local.read(FILE)
                .map(json -> mapper.readValue(json, new TypeReference<Map<String, String>>() { }))
                .orElse(Map.of()));
        String secret = stored.get(clientId);
        if (secret == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            stored.put(clientId, secret);
            local.write(FILE, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(stored));
            log.info("Generated a secret for client {} in {} (set {} in production)", clientId,
                    local.directory().resolve(FILE), variableFor(clientId));
        }
        return secret;
    }
}
