package com.aifinance.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.aifinance.common.embedded.EmbeddedInfrastructureException;
import com.aifinance.common.embedded.PortProbe;
import com.aifinance.common.embedded.PostgresServer;
import com.aifinance.common.embedded.RedisProcess;

/**
 * The whole platform on one machine: PostgreSQL and Redis (embedded, or existing ones from {@code DATABASE_URL} and
 * {@code REDIS_URL}), then every service as its own process in dependency order, each waited for until healthy.
 * SIGINT or SIGTERM stops the services, then Redis and PostgreSQL, cleanly.
 */
public final class LocalPlatform {

    private static final String DATABASE = "aifa";
    private static final int MAX_RESTARTS = 3;
    private static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

    private final PlatformSettings settings;
    private final Console console = new Console();
    private final PlatformState state;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AotCache aotCache;
    private final ClientSecrets clientSecrets = new ClientSecrets();
    private LocalKeys localKeys;
    private final Map<String, Path> launchJars = new java.util.concurrent.ConcurrentHashMap<>();
    private PostgresServer postgres;
    private RedisProcess redis;
    private String jdbcUrl;
    private String databaseUsername;
    private String databasePassword;
    private String redisUrl;

    LocalPlatform(PlatformSettings settings) {
        this.settings = settings;
        this.state = new PlatformState(settings.localDirectory());
        this.aotCache = new AotCache(settings.localDirectory(), settings.aotCache());
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("aifa.home", ".")).toAbsolutePath().normalize();
        PlatformSettings settings;
        try {
            settings = PlatformSettings.from(root, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new LocalPlatform(settings).run());
    }

    int run() {
        try {
            Files.createDirectories(settings.logDirectory());
            Files.createDirectories(settings.dataDirectory());
        } catch (IOException e) {
            return fail("cannot create " + settings.localDirectory() + ": " + e.getMessage());
        }
        String running = state.runningPlatform();
        if (running != null) {
            return fail("the platform is already running (pid " + running + "); stop it with deploy/local/stop",
                    false);
        }
        state.claim();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!stopping.get()) {
                console.line("platform", "stopping");
            }
            stopEverything();
        }, "local-platform-stop"));
        console.header(settings);
        long started = System.nanoTime();
        try {
            checkBuilt();
            checkPorts();
            prepareJars();
            localKeys = LocalKeys.loadOrCreate(settings.dataDirectory().resolve("local-keys.json"));
            startDatabase();
            startRedis();
            for (int wave = 1; wave <= ServiceSpec.lastWave(); wave++) {
                startWave(wave);
                if (wave == 1) {
                    clientSecrets.load(settings.dataDirectory().resolve("client-secrets.json"));
                    clientSecrets.loadDemoClient(settings.dataDirectory().resolve("demo-credentials.json"));
                }
            }
        } catch (StartFailure | EmbeddedInfrastructureException | IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (RuntimeException e) {
            return fail("unexpected " + e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        state.write("ready");
        console.ready(elapsed, memoryKilobytes());
        console.demoLogins(settings.dataDirectory().resolve("demo-credentials.json"), settings.root());
        watchUntilStopped();
        return 0;
    }

    private void checkBuilt() {
        List<String> missing = ServiceSpec.ALL.stream()
                .filter(spec -> !Files.isRegularFile(settings.root().resolve(spec.jarPath())))
                .map(ServiceSpec::name)
                .toList();
        if (!missing.isEmpty()) {
            throw new StartFailure("not built: " + String.join(", ", missing)
                    + "; build with ./mvnw -DskipTests package (deploy/local/run does it for you)");
        }
    }

    private void checkPorts() {
        Map<Integer, String> wanted = new java.util.LinkedHashMap<>();
        ServiceSpec.ALL.forEach(spec -> {
            wanted.put(spec.port(), spec.name());
            if (spec.hasManagementPort()) {
                wanted.put(spec.managementPort(), spec.name() + " management");
            }
        });
        if (settings.databaseUrl() == null) {
            wanted.put(settings.postgresPort(), "embedded PostgreSQL (AIFA_POSTGRES_PORT)");
        }
        if (settings.redisUrl() == null) {
            wanted.put(settings.redisPort(), "embedded Redis (AIFA_REDIS_PORT)");
        }
        List<String> taken = wanted.entrySet().stream()
                .filter(entry -> !PortProbe.isFree(entry.getKey()))
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .toList();
        if (!taken.isEmpty()) {
            throw new StartFailure("port" + (taken.size() > 1 ? "s " : " ") + String.join(", ", taken)
                    + (taken.size() > 1 ? " are" : " is") + " already in use; stop what listens there"
                    + " (see: ss -ltnp) and run again");
        }
    }

    /** Extracts changed service jars for the start-up cache, all at once rather than one per start. */
    private void prepareJars() {
        List<Thread> extractions = new ArrayList<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            extractions.add(Thread.ofPlatform().start(() -> {
                try {
                    launchJars.put(spec.name(), aotCache.prepare(settings.root(), spec, javaCommand()));
                } catch (IOException | InterruptedException e) {
                    failures.add(spec.name() + ": " + e.getMessage());
                }
            }));
        }
        for (Thread extraction : extractions) {
            try {
                extraction.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartFailure("interrupted while preparing the services");
            }
        }
        if (!failures.isEmpty()) {
            throw new StartFailure("cannot prepare " + String.join("; ", failures));
        }
    }

    private void startDatabase() {
        if (settings.databaseUrl() != null) {
            DatabaseUrl url = settings.databaseUrl();
            console.line("postgres", "using " + url.display());
            try (Connection ignored = connect(url.jdbcUrl(), url.username(), url.password())) {
                jdbcUrl = url.jdbcUrl();
                databaseUsername = url.username();
                databasePassword = url.password();
            } catch (SQLException e) {
                throw new StartFailure("cannot reach DATABASE_URL (" + url.host() + ":" + url.port() + "): "
                        + firstLine(e.getMessage()) + "; check that the server runs and the URL is right, or unset "
                        + "DATABASE_URL to use the embedded PostgreSQL");
            }
            console.line("postgres", "reachable");
            return;
        }
        console.line("postgres", "starting embedded PostgreSQL 17 on port " + settings.postgresPort());
        postgres = PostgresServer.start(settings.dataDirectory().resolve("postgres"),
                settings.logDirectory().resolve("postgres.log"), settings.postgresPort(), true);
        postgres.createDatabaseIfMissing(DATABASE);
        jdbcUrl = postgres.jdbcUrl(DATABASE);
        databaseUsername = postgres.username();
        databasePassword = "";
        console.line("postgres", "ready (data in " + settings.root().relativize(postgres.dataDirectory()) + ")");
    }

    private void startRedis() {
        if (settings.redisUrl() != null) {
            String problem = RedisPing.check(settings.redisUrl());
            if (problem != null) {
                throw new StartFailure(problem + "; check REDIS_URL, or unset it to use the embedded Redis");
            }
            redisUrl = settings.redisUrl();
            console.line("redis", "using the Redis in REDIS_URL");
            return;
        }
        console.line("redis", "starting embedded Redis on port " + settings.redisPort());
        // fsync once a second, as production's redis.conf: an fsync per write made every rate-limit count and usage
        // counter wait for the disk, and the gateway collapsed at 300 requests/s (docs/benchmarks.md)
        redis = RedisProcess.start(settings.dataDirectory().resolve("redis"), settings.redisPort(), false);
        redisUrl = redis.url();
        console.line("redis", "ready (append-only file in " + settings.root().relativize(settings.dataDirectory().resolve("redis")) + ")");
    }

    private void startWave(int wave) {
        List<ServiceProcess> starting = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (spec.wave() != wave) {
                continue;
            }
            ServiceProcess service = new ServiceProcess(spec, settings.logDirectory());
            boolean recording = settings.aotCache() && !aotCache.isRecorded(spec);
            try {
                launch(service);
            } catch (IOException e) {
                throw new StartFailure("cannot start " + spec.name() + ": " + e.getMessage());
            }
            synchronized (services) {
                services.add(service);
            }
            starting.add(service);
            console.line(spec.name(), "starting (pid " + service.pid() + ", log "
                    + settings.root().relativize(service.logFile())
                    + (recording ? "; recording its start-up cache for next time" : "") + ")");
        }
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(starting);
        long waveStarted = System.nanoTime();
        while (!waiting.isEmpty()) {
            if (stopping.get()) {
                throw new StartFailure("stopped while starting");
            }
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (!service.isAlive()) {
                    console.failed(service.spec().name(), "exited with code " + service.exitCode(),
                            service.lastLogLines(25), service.logFile());
                    throw new StartFailure(service.spec().name() + " failed to start; its log is "
                            + service.logFile());
                }
                if (service.isReady()) {
                    waiting.remove(service);
                    console.line(service.spec().name(), "healthy (%.1f s)".formatted(
                            (System.nanoTime() - waveStarted) / 1e9));
                }
            }
            if (System.nanoTime() > deadline) {
                ServiceProcess late = waiting.getFirst();
                console.failed(late.spec().name(), "not healthy after " + settings.startTimeout().toSeconds() + " s",
                        late.lastLogLines(25), late.logFile());
                throw new StartFailure(late.spec().name() + " did not become healthy in time; its log is "
                        + late.logFile());
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private Map<String, String> serviceEnvironment(ServiceSpec spec) {
        Map<String, String> environment = new HashMap<>();
        if (!spec.name().equals("gateway-service")) {
            // only the gateway is the platform's front door; the services answer on the loopback interface alone
            environment.put("SERVER_ADDRESS", "127.0.0.1");
        }
        if (spec.hasManagementPort()) {
            // the gateway's actuator: on its own port, which like the services answers on the loopback interface alone
            environment.put("AIFA_GATEWAY_MANAGEMENT_PORT", String.valueOf(spec.managementPort()));
            environment.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        }
        if (spec.wave() == 1 || spec.name().equals("enterprise-service")) {
            // the identity provider seeds the demo users and writes their credentials for the banner below;
            // enterprise-service (a later wave) opens the demo organisation those credentials name
            environment.put("AIFA_DEMO_ENABLED", "true");
        }
        String secret = clientSecrets.secretOf(spec.name());
        if (secret != null) {
            environment.put("AIFA_CLIENT_ID", spec.name());
            environment.put("AIFA_CLIENT_SECRET", secret);
        }
        environment.putAll(localKeys.environmentOf(spec.name()));
        if (spec.name().equals("monitoring-service") && clientSecrets.demoClient() != null) {
            // the synthetic journeys get a token the way an institutional client does
            environment.put("AIFA_PROBE_CLIENT_ID", clientSecrets.demoClient()[0]);
            environment.put("AIFA_PROBE_CLIENT_SECRET", clientSecrets.demoClient()[1]);
        }
        if (spec.name().equals("dashboard-hub-service") && clientSecrets.secretOf("dashboard-hub") != null) {
            environment.put("AIFA_DASHBOARD_CLIENT_SECRET", clientSecrets.secretOf("dashboard-hub"));
        }
        environment.put("DATABASE_JDBC_URL", jdbcUrl);
        environment.put("DATABASE_USERNAME", databaseUsername);
        environment.put("DATABASE_PASSWORD", databasePassword);
        environment.put("REDIS_URL", redisUrl);
        environment.put("AIFA_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        environment.put("AIFA_LOCAL_DIR", settings.localDirectory().toString());
        return environment;
    }

    private void launch(ServiceProcess service) throws IOException {
        ServiceSpec spec = service.spec();
        List<String> options = new ArrayList<>(settings.jvmOptions());
        options.addAll(aotCache.jvmOptions(spec));
        service.start(settings.root(), launchJars.get(spec.name()), javaCommand(), options, serviceEnvironment(spec));
    }

    /**
     * Like a container orchestrator's restart policy: a service that exits unexpectedly is started again (its log of
     * the crash kept as {@code <name>.log.previous}), at most {@link #MAX_RESTARTS} times in {@link #RESTART_WINDOW}
     * — a service that keeps crashing is left down and the platform stays degraded.
     */
    private void watchUntilStopped() {
        Map<String, List<Long>> restarts = new HashMap<>();
        Map<ServiceProcess, Long> recovering = new HashMap<>();
        List<String> givenUp = new ArrayList<>();
        boolean degraded = false;
        while (!stopping.get()) {
            synchronized (services) {
                for (ServiceProcess service : services) {
                    String name = service.spec().name();
                    if (service.isAlive() || givenUp.contains(name) || stopping.get()) {
                        continue;
                    }
                    console.failed(name, "exited unexpectedly with code " + service.exitCode(),
                            service.lastLogLines(15), service.logFile());
                    long now = System.nanoTime();
                    List<Long> recent = restarts.computeIfAbsent(name, key -> new ArrayList<>());
                    recent.removeIf(at -> now - at > RESTART_WINDOW.toNanos());
                    if (recent.size() >= MAX_RESTARTS) {
                        givenUp.add(name);
                        recovering.remove(service);
                        console.line(name, "not restarted: it exited " + MAX_RESTARTS + " times within "
                                + RESTART_WINDOW.toMinutes() + " minutes");
                        state.write("degraded: " + name + " exited");
                        continue;
                    }
                    recent.add(now);
                    degraded = true;
                    try {
                        launch(service);
                        recovering.putIfAbsent(service, now);
                        console.line(name, "restarting (pid " + service.pid() + ")");
                        state.write("degraded: " + name + " restarting");
                    } catch (IOException e) {
                        givenUp.add(name);
                        console.line(name, "cannot be restarted: " + e.getMessage());
                        state.write("degraded: " + name + " exited");
                    }
                }
                recovering.entrySet().removeIf(entry -> {
                    if (!entry.getKey().isAlive() || !entry.getKey().isReady()) {
                        return false;
                    }
                    console.line(entry.getKey().spec().name(), String.format(Locale.ROOT, "healthy again %.1f s after it exited",
                            (System.nanoTime() - entry.getValue()) / 1e9));
                    return true;
                });
                if (degraded && recovering.isEmpty() && givenUp.isEmpty() && !stopping.get()) {
                    state.write("ready");
                    degraded = false;
                }
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    /** Stops services in reverse dependency order, then Redis and PostgreSQL; safe to call more than once. */
    private void stopEverything() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        state.write("stopping");
        List<ServiceProcess> toStop;
        synchronized (services) {
            toStop = new ArrayList<>(services);
        }
        for (int wave = ServiceSpec.lastWave(); wave >= 1; wave--) {
            int current = wave;
            List<Thread> stoppers = toStop.stream()
                    .filter(service -> service.spec().wave() == current && service.isAlive())
                    .map(service -> Thread.ofPlatform().start(() -> {
                        service.stop(Duration.ofSeconds(30));
                        console.line(service.spec().name(), "stopped");
                    }))
                    .toList();
            for (Thread stopper : stoppers) {
                try {
                    stopper.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (redis != null) {
            redis.stop();
            console.line("redis", "stopped");
        }
        if (postgres != null) {
            postgres.stop();
            console.line("postgres", "stopped");
        }
        state.release();
        if (!toStop.isEmpty() || redis != null || postgres != null) {
            console.line("platform", "stopped cleanly");
        }
    }

    private long memoryKilobytes() {
        long total = 0;
        synchronized (services) {
            for (ServiceProcess service : services) {
                total += service.residentKilobytes();
            }
        }
        return total;
    }

    private int fail(String reason) {
        return fail(reason, true);
    }

    private int fail(String reason, boolean ownsState) {
        console.error(reason);
        if (ownsState) {
            state.write("failed: " + reason);
            stopEverything();
            state.write("failed: " + reason);
        }
        return 1;
    }

    private static Connection connect(String url, String username, String password) throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(url, username, password);
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String firstLine(String message) {
        return message == null ? "no reason given" : message.lines().findFirst().orElse(message);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("interrupted");
        }
    }

    /** A reason the platform cannot start, worded for the person who ran it. */
    static final class StartFailure extends RuntimeException {
        StartFailure(String message) {
            super(message);
        }
    }
}
