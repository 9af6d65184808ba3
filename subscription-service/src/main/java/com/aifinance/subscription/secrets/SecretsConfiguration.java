package com.aifinance.subscription.secrets;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    /** Keys anyone can read in this repository (the tests' key): never acceptable in production. */
    static final Set<String> WELL_KNOWN_KEYS = Set.of("dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTEyMzQ=");
    static final Profiles PRODUCTION = Profiles.of("production", "prod");

    private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);
    private static final String KEY_FILE = "subscription-service/encryption.key";

    @Bean
    LocalData localData(@Value("${aifa.local-dir:${AIFA_LOCAL_DIR:.local}}") String localDirectory) {
        return new LocalData(Path.of(localDirectory).toAbsolutePath().resolve("data"));
    }

    /**
     * The key that encrypts secrets at rest: {@code AIFA_ENCRYPTION_KEY} (base64 of 32 bytes) in production; on a
     * developer's machine one is generated once into the local data folder. {@code AIFA_ENCRYPTION_KEY_PREVIOUS},
     * while rotating, is the key it replaced: it still decrypts, and start-up re-encrypts what it sealed.
     */
    @Bean
    SecretBox secretBox(@Value("${aifa.identity.encryption-key:${AIFA_ENCRYPTION_KEY:}}") String configured,
                        @Value("${aifa.identity.previous-encryption-key:${AIFA_ENCRYPTION_KEY_PREVIOUS:}}")
                        String previous, Environment environment, LocalData local) {
        return secretBox(configured, previous, environment.acceptsProfiles(PRODUCTION), local);
    }

    static SecretBox secretBox(String configured, String previous, boolean production, LocalData local) {
        if (production && configured.isBlank()) {
            throw new IllegalStateException("AIFA_ENCRYPTION_KEY is not set: production needs its own key "
                    + "(openssl rand -base64 32), kept in the secret store");
        }
        if (production && WELL_KNOWN_KEYS.contains(configured.strip())) {
            throw new IllegalStateException("AIFA_ENCRYPTION_KEY is the tests' key, which anyone can read in the source:"
                    + " set a key of your own (openssl rand -base64 32); to move data off it, deploy it as "
                    + "AIFA_ENCRYPTION_KEY_PREVIOUS beside the new key");
        }
        if (!configured.isBlank()) {
            return SecretBox.fromBase64(configured, previous);
        }
        String stored = local.read(KEY_FILE).orElseGet(() -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            local.write(KEY_FILE, encoded);
            log.warn("Generated a local encryption key in {}; production must set AIFA_ENCRYPTION_KEY",
                    local.directory().resolve(KEY_FILE));
            return encoded;
        });
        return SecretBox.fromBase64(stored, previous);
    }
}
