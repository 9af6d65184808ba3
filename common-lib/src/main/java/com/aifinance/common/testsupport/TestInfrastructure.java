package com.aifinance.common.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import com.aifinance.common.embedded.PortProbe;
import com.aifinance.common.embedded.PostgresServer;
import com.aifinance.common.embedded.RedisProcess;

/**
 * The real PostgreSQL and Redis that a test JVM uses: one embedded instance of each, started on first use and
 * stopped when the JVM exits, or the servers named by {@code AIFA_TEST_DATABASE_URL} (a JDBC URL, with
 * {@code AIFA_TEST_DATABASE_USERNAME} / {@code AIFA_TEST_DATABASE_PASSWORD}) and {@code AIFA_TEST_REDIS_URL}.
 */
public final class TestInfrastructure {

    private static TestInfrastructure instance;

    private final Path workDirectory;
    private final PostgresServer postgres;
    private final RedisProcess redis;
    private final String jdbcUrl;
    private final String redisUrl;

    private TestInfrastructure() {
        try {
            workDirectory = Files.createTempDirectory("aifa-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String externalDatabase = System.getenv("AIFA_TEST_DATABASE_URL");
        if (externalDatabase != null && !externalDatabase.isBlank()) {
            postgres = null;
            jdbcUrl = externalDatabase;
        } else {
            postgres = PostgresServer.start(workDirectory.resolve("postgres"), workDirectory.resolve("postgres.log"),
                    PortProbe.freePort(), false);
            postgres.createDatabaseIfMissing("aifa_test");
            jdbcUrl = postgres.jdbcUrl("aifa_test");
        }
        String externalRedis = System.getenv("AIFA_TEST_REDIS_URL");
        if (externalRedis != null && !externalRedis.isBlank()) {
            redis = null;
            redisUrl = externalRedis;
        } else {
            redis = RedisProcess.start(workDirectory.resolve("redis"), PortProbe.freePort(), false);
            redisUrl = redis.url();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown, "aifa-test-infrastructure"));
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
        }
        return instance;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String databaseUsername() {
        String external = System.getenv("AIFA_TEST_DATABASE_USERNAME");
        return external != null ? external : "postgres";
    }

    public String databasePassword() {
        String external = System.getenv("AIFA_TEST_DATABASE_PASSWORD");
        return external != null ? external : "";
    }

    public String redisUrl() {
        return redisUrl;
    }

    /** Stops the embedded Redis (its append-only file is kept), to test what happens while it is away. */
    public void stopRedis() {
        embeddedRedis().stop();
    }

    /** Starts the embedded Redis again on the same port and files. */
    public void startRedis() {
        embeddedRedis().start();
    }

    private RedisProcess embeddedRedis() {
        if (redis == null) {
            throw new IllegalStateException("Redis is external (AIFA_TEST_REDIS_URL); the test cannot stop it");
        }
        return redis;
    }

    private void shutDown() {
        if (redis != null) {
            redis.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        try (var paths = Files.walk(workDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder the OS will clear
        }
    }
}
