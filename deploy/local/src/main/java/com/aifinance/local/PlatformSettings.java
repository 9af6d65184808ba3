package com.aifinance.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the local platform runs, from the environment.
 *
 * @param root            the checkout
 * @param dataDirectory   where the embedded servers keep their data ({@code AIFA_LOCAL_DIR}/data)
 * @param logDirectory    one log file per service ({@code AIFA_LOCAL_DIR}/logs)
 * @param databaseUrl     an existing PostgreSQL ({@code DATABASE_URL}), or null for the embedded one
 * @param redisUrl        an existing Redis ({@code REDIS_URL}), or null for the embedded one
 * @param postgresPort    the embedded PostgreSQL's port ({@code AIFA_POSTGRES_PORT}, 15432)
 * @param redisPort       the embedded Redis's port ({@code AIFA_REDIS_PORT}, 16379)
 * @param jvmOptions      options for every service JVM ({@code AIFA_JAVA_OPTS} replaces the defaults)
 * @param startTimeout    how long one service may take to become healthy ({@code AIFA_START_TIMEOUT_SECONDS}, 180)
 * @param aotCache        run services with a JDK ahead-of-time cache ({@code AIFA_AOT_CACHE}, on unless {@code off})
 */
record PlatformSettings(Path root, Path localDirectory, Path dataDirectory, Path logDirectory, DatabaseUrl databaseUrl,
                        String redisUrl, int postgresPort, int redisPort, List<String> jvmOptions,
                        Duration startTimeout, boolean aotCache) {

    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx384m",
            "-XX:MaxMetaspaceSize=256m", "-Xss512k", "-XX:ReservedCodeCacheSize=96m",
            // as in the images: a JVM out of heap exits (and the launcher starts it again) instead of limping on
            "-XX:+ExitOnOutOfMemoryError");

    static PlatformSettings from(Path root, Map<String, String> environment) {
        Path local = environment.containsKey("AIFA_LOCAL_DIR") ? Path.of(environment.get("AIFA_LOCAL_DIR"))
                : root.resolve(".local");
        local = local.toAbsolutePath();
        String database = blankToNull(environment.get("DATABASE_URL"));
        String redis = blankToNull(environment.get("REDIS_URL"));
        String javaOptions = blankToNull(environment.get("AIFA_JAVA_OPTS"));
        return new PlatformSettings(root, local, local.resolve("data"), local.resolve("logs"),
                database == null ? null : DatabaseUrl.parse(database, environment.get("DATABASE_USERNAME"),
                        environment.get("DATABASE_PASSWORD")),
                redis,
                intOf(environment, "AIFA_POSTGRES_PORT", 15432),
                intOf(environment, "AIFA_REDIS_PORT", 16379),
                javaOptions == null ? DEFAULT_JVM_OPTIONS : List.of(javaOptions.trim().split("\\s+")),
                Duration.ofSeconds(intOf(environment, "AIFA_START_TIMEOUT_SECONDS", 180)),
                !"off".equalsIgnoreCase(environment.getOrDefault("AIFA_AOT_CACHE", "on").strip()));
    }

    private static int intOf(Map<String, String> environment, String name, int fallback) {
        String value = blankToNull(environment.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
