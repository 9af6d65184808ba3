package com.aifinance.subscription.secrets;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);
    private static final String KEY_FILE = "subscription-service/encryption.key";

    @Bean
    LocalData localData(@Value("${aifa.local-dir:${AIFA_LOCAL_DIR:.local}}") String localDirectory) {
        return new LocalData(Path.of(localDirectory).toAbsolutePath().resolve("data"));
    }

    /**
     * The key that encrypts secrets at rest: {@code AIFA_ENCRYPTION_KEY} (base64 of 32 bytes) in production; on a
     * developer's machine one is generated once into the local data folder.
     */
    @Bean
    SecretBox secretBox(@Value("${aifa.identity.encryption-key:${AIFA_ENCRYPTION_KEY:}}") String configured,
                        LocalData local) {
        if (!configured.isBlank()) {
            return SecretBox.fromBase64(configured);
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
        return SecretBox.fromBase64(stored);
    }
}
