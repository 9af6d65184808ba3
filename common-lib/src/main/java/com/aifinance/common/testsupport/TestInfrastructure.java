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

    private static final TestInfrastructure INSTANCE = new TestInfrastructure();

    private final Path workDirectory;
    private PostgresServer postgres;
    private RedisProcess redis;
    private String jdbcUrl;
    private String redisUrl;

    private TestInfrastructure() {
        try {
            workDirectory = Files.createTempDirectory("aifa-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown, "aifa-test-infrastructure"));
    }

    public static TestInfrastructure get() {
        return INSTANCE;
    }

    /** The JDBC URL of the test database, starting the embedded server on first use. */
    public synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            String external = System.getenv("AIFA_TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                jdbcUrl = external;
            } else {
                postgres = PostgresServer.start(workDirectory.resolve("postgres"), workDirectory.resolve("postgres.log"),
                        PortProbe.freePort(), false);
                postgres.createDatabaseIfMissing("aifa_test");
                jdbcUrl = postgres.jdbcUrl("aifa_test");
            }
        }
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

    /** The URL of the test Redis, starting the embedded server on first use. */
    public synchronized String redisUrl() {
        if (redisUrl == null) {
            String external = System.getenv("AIFA_TEST_REDIS_URL");
            if (external != null && !external.isBlank()) {
                redisUrl = external;
            } else {
                redis = RedisProcess.start(workDirectory.resolve("redis"), PortProbe.freePort(), false);
                redisUrl = redis.url();
            }
        }
        return redisUrl;
    }

    /** Stops the embedded Redis (its append-only file is kept), to test what happens while it is away. */
    public synchronized void stopRedis() {
        embeddedRedis().stop();
    }

    /** Starts the embedded Redis again on the same port and files. */
    public synchronized void startRedis() {
        embeddedRedis().start();
    }

    private RedisProcess embeddedRedis() {
        redisUrl();
        if (redis == null) {
            throw new IllegalStateException("Redis is external (AIFA_TEST_REDIS_URL); the test cannot stop it");
        }
        return redis;
    }

    private synchronized void shutDown() {
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
