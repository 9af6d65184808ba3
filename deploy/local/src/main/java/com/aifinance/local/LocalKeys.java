package com.aifinance.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encryption keys that production takes from its secret store, generated once for a developer's machine and kept in
 * {@code data/local-keys.json} (owner-readable only), so data encrypted in one run can be read in the next.
 */
final class LocalKeys {

    /** Which service needs which key (environment variable name → service). */
    static final Map<String, String> KEYS = Map.of(
            "AIFA_ENTERPRISE_SECRET_KEY", "enterprise-service",
            "AIFA_WEBHOOK_ENCRYPTION_KEY", "institutional-api-service");

    private final Map<String, String> values;

    private LocalKeys(Map<String, String> values) {
        this.values = values;
    }

    static LocalKeys loadOrCreate(Path file) {
        JsonMapper mapper = JsonMapper.builder().build();
        Map<String, String> values = new LinkedHashMap<>();
        try {
            if (Files.isRegularFile(file)) {
                values.putAll(mapper.readValue(file.toFile(), new TypeReference<Map<String, String>>() {
                }));
            }
            boolean added = false;
            SecureRandom random = new SecureRandom();
            for (String name : KEYS.keySet()) {
                if (!values.containsKey(name)) {
                    byte[] key = new byte[32];
                    random.nextBytes(key);
                    values.put(name, Base64.getEncoder().encodeToString(key));
                    added = true;
                }
            }
            if (added) {
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                mapper.writeValue(file.toFile(), values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new LocalPlatform.StartFailure("cannot read " + file + ": " + e.getMessage()
                    + "; it holds the local encryption keys — restore it, or delete it to start with new keys");
        }
        return new LocalKeys(values);
    }

    /** The keys {@code service} needs, by environment variable. */
    Map<String, String> environmentOf(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        KEYS.forEach((name, owner) -> {
            if (owner.equals(service) && System.getenv(name) == null) {
                environment.put(name, values.get(name));
            }
        });
        return environment;
    }

    Set<String> names() {
        return values.keySet();
    }
}
