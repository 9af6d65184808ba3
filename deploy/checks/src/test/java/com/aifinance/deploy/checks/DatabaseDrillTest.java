package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The database side of production, drilled on a real PostgreSQL server: the service roles of
 * deploy/postgres/initdb (each limited to its schema), a logical backup of every schema with deploy/backup/backup.sh,
 * a restore into a fresh database with deploy/backup/restore.sh compared row by row, and pgbouncer running
 * deploy/pgbouncer/pgbouncer.ini in front of it.
 *
 * <p>The server is the machine's Debian PostgreSQL of the same major version as its pg_dump (15 on Debian 12), not
 * common-lib's embedded PostgreSQL 17: zonky's binaries carry no pg_dump, and pg_dump refuses a newer server. The
 * backup is then also restored into the embedded PostgreSQL 17 (pg_restore accepts newer servers), the version
 * production runs. The scripts are version-neutral; in production they run with PostgreSQL 17's client.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseDrillTest {

    static final List<String> SCHEMAS = List.of("subscription", "billing", "enterprise", "institutional_api",
            "analytics", "monitoring", "queue_monitor", "dashboard_hub");
    private static final String ADMIN_PASSWORD = "drill-admin";

    private static Path work;
    private static Path binaries;
    private static int port;
    private static Path backup;
    private static final Map<String, String> fingerprintsAtBackup = new LinkedHashMap<>();

    @BeforeAll
    static void startServer() throws Exception {
        for (String tool : List.of("pg_dump", "pg_restore", "psql")) {
            Tools.require(tool);
        }
        var version = Tools.run(Tools.ROOT, List.of("pg_dump", "--version"));
        String major = version.output().replaceAll("(?s).*?\\) ([0-9]+)\\..*", "$1").strip();
        binaries = Path.of("/usr/lib/postgresql", major, "bin");
        if (!Files.isExecutable(binaries.resolve("initdb"))) {
            fail("no PostgreSQL " + major + " server binaries in " + binaries + ": run deploy/ci-tools.sh");
        }
        // a folder the unprivileged server user can reach (PostgreSQL refuses to run as root)
        work = Files.createTempDirectory("aifa-drill", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path data = work.resolve("data");
        Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(work.resolve("pw"), ADMIN_PASSWORD);
        Files.writeString(work.resolve("postgres.log"), "");
        handToServerUser(data);
        handToServerUser(work.resolve("pw"));
        handToServerUser(work.resolve("postgres.log"));
        port = freePort();
        var init = Tools.run(work, asServerUser(binaries.resolve("initdb").toString(), "-D", data.toString(),
                "-U", "postgres", "--pwfile=" + work.resolve("pw"), "-A", "scram-sha-256", "-E", "UTF-8",
                "--locale=C", "--no-sync"));
        assertThat(init.ok()).as(init.output()).isTrue();
        var start = Tools.run(work, asServerUser(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-w",
                "-t", "60", "-l", work.resolve("postgres.log").toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off", "start"));
        assertThat(start.ok()).as(start.output()).isTrue();
        try (Connection admin = connect("postgres", "postgres", ADMIN_PASSWORD)) {
            admin.createStatement().execute("CREATE DATABASE aifa");
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (work == null) {
            return;
        }
        Tools.run(work, asServerUser(binaries.resolve("pg_ctl").toString(), "-D", work.resolve("data").toString(),
                "-m", "immediate", "-w", "stop"));
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void theRoleScriptGivesEachServiceItsOwnSchemaAndNothingElse() throws Exception {
        var roles = Tools.run(Tools.ROOT, List.of("bash", "deploy/postgres/initdb/10-service-roles.sh"), scriptEnvironment("aifa"), 60);
        assertThat(roles.ok()).as(roles.output()).isTrue();
        // running it again (a restore does) changes nothing and fails nothing
        assertThat(Tools.run(Tools.ROOT, List.of("bash", "deploy/postgres/initdb/10-service-roles.sh"), scriptEnvironment("aifa"), 60).ok()).isTrue();

        for (String schema : SCHEMAS) {
            try (Connection service = connect("aifa", schema, password(schema))) {
                populate(service, schema);
                var current = service.createStatement().executeQuery("SELECT current_schema()");
                current.next();
                assertThat(current.getString(1)).isEqualTo(schema);
            }
        }
        try (Connection billing = connect("aifa", "billing", password("billing"))) {
            assertThatThrownBy(() -> billing.createStatement().executeQuery("SELECT * FROM subscription.records"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> billing.createStatement().execute("CREATE TABLE public.sneaky (id int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> billing.createStatement().execute("CREATE SCHEMA other"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> connect("aifa", "billing", "wrong")).isInstanceOf(SQLException.class);
    }

    @Test
    @Order(2)
    void aLogicalBackupDumpsEverySchemaFromOneSnapshotWithAManifest() throws Exception {
        Path backups = work.resolve("backups");
        var result = Tools.run(Tools.ROOT, List.of("bash", "deploy/backup/backup.sh"),
                Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(port), "PGUSER", "postgres",
                        "PGPASSWORD", ADMIN_PASSWORD, "PGDATABASE", "aifa", "BACKUP_DIR", backups.toString()), 300);
        assertThat(result.ok()).as(result.output()).isTrue();
        try (Stream<Path> taken = Files.list(backups)) {
            backup = taken.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        for (String schema : SCHEMAS) {
            assertThat(backup.resolve(schema + ".dump")).isNotEmptyFile();
        }
        var manifest = Files.readAllLines(backup.resolve("manifest.tsv"));
        assertThat(manifest.get(1)).isEqualTo("schema\ttable\trows\tchecksum");
        assertThat(manifest).hasSize(2 + 3 * SCHEMAS.size());
        assertThat(manifest).anyMatch(line -> line.startsWith("billing\trecords\t500\t"));

        try (Connection admin = connect("aifa", "postgres", ADMIN_PASSWORD)) {
            for (String schema : SCHEMAS) {
                for (String table : List.of("records", "record_events", "ledger")) {
                    fingerprintsAtBackup.put(schema + "." + table, fingerprint(admin, schema + "." + table));
                }
            }
            // written after the backup: the restore must bring back the backup, not this
            admin.createStatement().execute("INSERT INTO billing.records (email, amount_minor, currency, attributes) "
                    + "VALUES ('late@example.com', 1, 'USD', '{}')");
        }
    }

    @Test
    @Order(3)
    void aRestoreIntoAFreshDatabaseBringsBackEveryRowAndChecksItself() throws Exception {
        var result = restore("aifa_restored", backup);
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains(3 * SCHEMAS.size() + " tables restored into aifa_restored; row counts and checksums match the backup");

        try (Connection restored = connect("aifa_restored", "postgres", ADMIN_PASSWORD)) {
            for (var expected : fingerprintsAtBackup.entrySet()) {
                assertThat(fingerprint(restored, expected.getKey())).as(expected.getKey()).isEqualTo(expected.getValue());
            }
            var owner = restored.createStatement().executeQuery(
                    "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'institutional_api'");
            owner.next();
            assertThat(owner.getString(1)).isEqualTo("institutional_api");
        }
        try (Connection billing = connect("aifa_restored", "billing", password("billing"))) {
            // the identity sequence continues after the restored rows
            var inserted = billing.createStatement().executeQuery("INSERT INTO records (email, amount_minor, currency, "
                    + "attributes) VALUES ('after@example.com', 5, 'INR', '{}') RETURNING id");
            inserted.next();
            assertThat(inserted.getLong(1)).isEqualTo(501);
            assertThatThrownBy(() -> billing.createStatement().executeQuery("SELECT * FROM analytics.records"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    @Order(4)
    void aRestoreRefusesATargetThatHoldsDataAndCatchesABackupThatDoesNotMatchItsManifest() throws Exception {
        var again = restore("aifa_restored", backup);
        assertThat(again.ok()).isFalse();
        assertThat(again.output()).contains("already holds").contains("RESTORE_FORCE=1");

        Path tampered = work.resolve("tampered");
        Files.createDirectories(tampered);
        try (Stream<Path> files = Files.list(backup)) {
            for (Path file : files.toList()) {
                Files.copy(file, tampered.resolve(file.getFileName()));
            }
        }
        List<String> manifest = new ArrayList<>(Files.readAllLines(tampered.resolve("manifest.tsv")));
        manifest.replaceAll(line -> line.startsWith("billing\trecords\t") ? "billing\trecords\t499\t1" : line);
        Files.write(tampered.resolve("manifest.tsv"), manifest);
        var mismatch = restore("aifa_tampered", tampered);
        assertThat(mismatch.exit()).isEqualTo(2);
        assertThat(mismatch.output()).contains("MISMATCH").contains("billing\trecords\t499");
    }

    @Test
    @Order(5)
    void pgbouncerPoolsTransactionsForEachServiceRoleInItsOwnSchema() throws Exception {
        Tools.require("pgbouncer");
        int bouncerPort = freePort();
        Files.writeString(work.resolve("userlist.txt"), "\"pgbouncer_auth\" \"" + password("pgbouncer_auth") + "\"\n");
        String ini = Files.readString(Tools.ROOT.resolve("deploy/pgbouncer/pgbouncer.ini"))
                .replace("host=postgres port=5432", "host=127.0.0.1 port=" + port)
                .replace("listen_addr = 0.0.0.0", "listen_addr = 127.0.0.1")
                .replace("listen_port = 6432", "listen_port = " + bouncerPort)
                .replace("auth_file = /tmp/userlist.txt", "auth_file = " + work.resolve("userlist.txt"));
        Files.writeString(work.resolve("pgbouncer.ini"), ini);
        handToServerUser(work.resolve("userlist.txt"));
        handToServerUser(work.resolve("pgbouncer.ini"));
        Process bouncer = new ProcessBuilder(asServerUser("pgbouncer", work.resolve("pgbouncer.ini").toString()))
                .redirectErrorStream(true).redirectOutput(work.resolve("pgbouncer.log").toFile()).start();
        try {
            awaitPort(bouncerPort, bouncer, work.resolve("pgbouncer.log"));
            String url = "jdbc:postgresql://127.0.0.1:" + bouncerPort + "/aifa?prepareThreshold=0";
            for (String schema : List.of("billing", "analytics")) {
                try (Connection pooled = DriverManager.getConnection(url, schema, password(schema))) {
                    for (int i = 0; i < 3; i++) {
                        var result = pooled.createStatement().executeQuery(
                                "SELECT current_schema(), current_user, count(*) FROM records");
                        result.next();
                        assertThat(result.getString(1)).isEqualTo(schema);
                        assertThat(result.getString(2)).isEqualTo(schema);
                    }
                }
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url, "billing", "wrong").close())
                    .isInstanceOf(SQLException.class);
            // the lookup never serves a superuser's secret: postgres cannot log in through pgbouncer
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", ADMIN_PASSWORD).close())
                    .isInstanceOf(SQLException.class);
        } finally {
            bouncer.destroy();
            bouncer.waitFor();
        }
    }

    @Test
    @Order(6)
    void theSameBackupRestoresIntoPostgres17TheProductionVersion() throws Exception {
        Path data = Files.createTempDirectory(work, "pg17");
        int port17 = freePort();
        try (var postgres17 = com.aifinance.common.embedded.PostgresServer.start(data.resolve("cluster"),
                data.resolve("postgres.log"), port17, false)) {
            Map<String, String> environment = new HashMap<>(scriptEnvironment("aifa"));
            environment.put("PGPORT", String.valueOf(port17));
            environment.put("PGPASSWORD", "");
            var result = Tools.run(Tools.ROOT, List.of("bash", "deploy/backup/restore.sh", backup.toString()), environment, 300);
            assertThat(result.ok()).as(result.output()).isTrue();
            assertThat(result.output()).contains("row counts and checksums match the backup");
            try (Connection restored = DriverManager.getConnection(postgres17.jdbcUrl("aifa"), "postgres", "")) {
                var version = restored.createStatement().executeQuery("SHOW server_version_num");
                version.next();
                assertThat(version.getInt(1)).isGreaterThanOrEqualTo(170000);
                for (var expected : fingerprintsAtBackup.entrySet()) {
                    assertThat(fingerprint(restored, expected.getKey())).as(expected.getKey()).isEqualTo(expected.getValue());
                }
                // the role script's isolation holds on 17 too (trust authentication here: set the role instead)
                restored.createStatement().execute("SET ROLE billing");
                assertThatThrownBy(() -> restored.createStatement().executeQuery("SELECT * FROM subscription.records"))
                        .hasMessageContaining("permission denied");
            }
        }
    }

    /** Three tables per schema with the column types the services use, 500 rows in the main one. */
    private static void populate(Connection service, String schema) throws SQLException {
        var statement = service.createStatement();
        statement.execute("""
                CREATE TABLE records (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    public_id uuid NOT NULL DEFAULT gen_random_uuid(),
                    email text NOT NULL,
                    amount_minor bigint NOT NULL,
                    currency char(3) NOT NULL,
                    rate numeric(12, 6),
                    score double precision,
                    attributes jsonb NOT NULL,
                    payload bytea,
                    created_at timestamptz NOT NULL DEFAULT now())
                """);
        statement.execute("CREATE INDEX records_created_at ON records (created_at)");
        statement.execute("""
                CREATE TABLE record_events (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    record_id bigint NOT NULL REFERENCES records (id),
                    type text NOT NULL,
                    occurred_at timestamptz NOT NULL)
                """);
        statement.execute("CREATE TABLE ledger (entry_id uuid PRIMARY KEY, note text, at date)");
        statement.execute("CREATE VIEW large_records AS SELECT id, email FROM records WHERE amount_minor > 10000");
        statement.execute("""
                INSERT INTO records (email, amount_minor, currency, rate, score, attributes, payload, created_at)
                SELECT 'user' || g || '@example.com', g * 99, CASE WHEN g % 3 = 0 THEN 'INR' ELSE 'USD' END,
                       CASE WHEN g % 7 = 0 THEN NULL ELSE g / 7.0 END, g / 3.0,
                       jsonb_build_object('tier', CASE WHEN g % 2 = 0 THEN 'pro' ELSE 'basic' END, 'note', 'naïve ✓ ' || g),
                       decode(md5(g::text), 'hex'), timestamptz '2026-01-01 00:00:00+00' + g * interval '1 hour'
                  FROM generate_series(1, 500) g
                """.replace("'note', 'naïve ✓ ' || g", "'note', '" + schema + " naïve ✓ ' || g"));
        statement.execute("""
                INSERT INTO record_events (record_id, type, occurred_at)
                SELECT id, 'created', created_at FROM records WHERE id % 2 = 0
                """);
        statement.execute("""
                INSERT INTO ledger SELECT gen_random_uuid(), CASE WHEN g % 5 = 0 THEN NULL ELSE 'entry ' || g END,
                       date '2026-01-01' + g FROM generate_series(1, 50) g
                """);
    }

    /** Row count and an order-independent digest of every row's text, computed independently of restore.sh. */
    private static String fingerprint(Connection connection, String table) throws SQLException {
        connection.createStatement().execute("SET TimeZone = 'UTC'");
        var result = connection.createStatement().executeQuery("SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' "
                + "ORDER BY md5(t::text)), '')) FROM " + table + " t");
        result.next();
        return result.getLong(1) + ":" + result.getString(2);
    }

    private static Tools.Result restore(String database, Path from) {
        Map<String, String> environment = scriptEnvironment(database);
        return Tools.run(Tools.ROOT, List.of("bash", "deploy/backup/restore.sh", from.toString()), environment, 300);
    }

    private static Map<String, String> scriptEnvironment(String database) {
        Map<String, String> environment = new HashMap<>(Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(port),
                "PGUSER", "postgres", "PGPASSWORD", ADMIN_PASSWORD, "PGDATABASE", database, "POSTGRES_USER", "postgres",
                "POSTGRES_DB", database, "PGBOUNCER_AUTH_PASSWORD", password("pgbouncer_auth")));
        for (String schema : SCHEMAS) {
            environment.put(schema.toUpperCase() + "_DB_PASSWORD", password(schema));
        }
        return environment;
    }

    private static String password(String role) {
        return "pw-" + role.replace('_', '-') + "-7f3a";
    }

    private static Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, user, password);
    }

    private static List<String> asServerUser(String... command) {
        List<String> full = new ArrayList<>();
        if (Tools.isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void handToServerUser(Path path) throws IOException {
        if (Tools.isRoot()) {
            Files.setAttribute(path, "unix:uid", 65534);
            Files.setAttribute(path, "unix:gid", 65534);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int target, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", target)) {
                return;
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
                Thread.sleep(50);
            }
        }
        throw new AssertionError("not listening on " + target + ": " + Files.readString(log));
    }
}
