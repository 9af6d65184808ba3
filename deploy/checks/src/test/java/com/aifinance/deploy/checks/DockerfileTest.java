package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * deploy/docker/Dockerfile, the one image recipe of every service. No Docker engine runs here, so the file is parsed
 * and checked statically; its two scripted steps are then run for real on this machine: the layer extraction plus
 * the AOT-cache training run against a service jar, and the health probe against a stand-in service.
 */
class DockerfileTest {

    private static final Path DOCKER = Tools.ROOT.resolve("deploy/docker");

    /** One instruction: keyword and its arguments (continuation lines joined), and its build stage. */
    record Instruction(int stage, String keyword, String arguments) {
    }

    @Test
    void theRuntimeIsAPinnedJava25JreForEveryStage() throws IOException {
        var instructions = parse();
        String defaultImage = instructions.stream()
                .filter(instruction -> instruction.keyword().equals("ARG") && instruction.arguments().startsWith("JAVA_IMAGE="))
                .findFirst().orElseThrow().arguments().substring("JAVA_IMAGE=".length());
        assertThat(defaultImage).matches("eclipse-temurin:25\\.[0-9]+\\.[0-9]+_[0-9]+-jre(-[a-z]+)?");
        var froms = instructions.stream().filter(instruction -> instruction.keyword().equals("FROM")).toList();
        assertThat(froms).hasSize(2).allSatisfy(from -> assertThat(from.arguments()).startsWith("${JAVA_IMAGE}"));
        assertThat(froms).noneSatisfy(from -> assertThat(from.arguments()).contains("latest"));
    }

    @Test
    void theServiceRunsAsAnUnprivilegedUserFromTheTrainingRunOn() throws IOException {
        var finalStage = finalStage();
        var users = finalStage.stream().filter(instruction -> instruction.keyword().equals("USER")).toList();
        assertThat(users).hasSize(1);
        assertThat(users.getFirst().arguments()).matches("[1-9][0-9]{3,}:[1-9][0-9]{3,}");
        int user = finalStage.indexOf(users.getFirst());
        int training = indexOf(finalStage, "RUN", "AOTCacheOutput");
        int entrypoint = indexOf(finalStage, "ENTRYPOINT", "");
        assertThat(user).isLessThan(training).isLessThan(entrypoint);

        // the training run writes the cache as that user, so the folder it writes to must be that user's
        String uid = users.getFirst().arguments().split(":")[0];
        String cacheFolder = finalStage.get(training).arguments().replaceAll(".*-XX:AOTCacheOutput=(\\S+)/[^/\\s]+.*", "$1");
        int folderCreated = indexOf(finalStage, "RUN", "install -d -o " + uid + " -g " + uid + " -m 0755 " + cacheFolder);
        assertThat(folderCreated).isLessThan(training);
    }

    @Test
    void theLayeredJarIsCopiedLeastChangingLayerFirst() throws IOException {
        var instructions = parse();
        assertThat(instructions).anySatisfy(instruction -> assertThat(instruction.arguments())
                .contains("-Djarmode=tools").contains("extract --layers"));
        var layers = finalStage().stream()
                .filter(instruction -> instruction.keyword().equals("COPY") && instruction.arguments().contains("--from=layers"))
                .map(instruction -> instruction.arguments().replaceAll(".*/extracted/([a-z-]+)/.*", "$1"))
                .toList();
        assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    }

    @Test
    void theEntrypointUsesTheCacheTheTrainingRunRecordsAndTheHealthCheckProbesReadiness() throws IOException {
        var finalStage = finalStage();
        String training = finalStage.get(indexOf(finalStage, "RUN", "AOTCacheOutput")).arguments();
        String cache = training.replaceAll(".*-XX:AOTCacheOutput=(\\S+).*", "$1");
        String entrypoint = finalStage.get(indexOf(finalStage, "ENTRYPOINT", "")).arguments();
        assertThat(entrypoint).startsWith("[").contains("\"-XX:AOTCache=" + cache + "\"").contains("\"-jar\"");
        assertThat(training).contains("-jar /app/application.jar");
        assertThat(entrypoint).contains("\"/app/application.jar\"");

        String healthcheck = finalStage.get(indexOf(finalStage, "HEALTHCHECK", "")).arguments();
        assertThat(healthcheck).contains("/usr/local/bin/healthcheck");
        assertThat(Files.readString(DOCKER.resolve("healthcheck.sh"))).contains("/actuator/health/readiness");
        assertThat(String.join("\n", Files.readAllLines(DOCKER.resolve("Dockerfile.dockerignore"))))
                .contains("!*-service/target/*-service.jar").contains("!deploy/docker/healthcheck.sh");
    }

    @Test
    void theHealthProbePassesOnlyWhenReadinessAnswers200(@TempDir Path unused) throws Exception {
        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int[] status = {200};
        service.createContext("/actuator/health/readiness", exchange -> {
            exchange.sendResponseHeaders(status[0], -1);
            exchange.close();
        });
        service.start();
        try {
            String port = String.valueOf(service.getAddress().getPort());
            assertThat(probe(port).exit()).isZero();
            status[0] = 503;
            var down = probe(port);
            assertThat(down.exit()).isOne();
            assertThat(down.output()).contains("503");
        } finally {
            service.stop(0);
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(probe(String.valueOf(closed)).exit()).isNotZero();
    }

    @Test
    void theHealthProbeAsksTheManagementPortWhereTheServiceHasOne() throws Exception {
        // the gateway: readiness on MANAGEMENT_SERVER_PORT, while its public SERVER_PORT serves no actuator
        HttpServer management = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        management.createContext("/actuator/health/readiness", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        HttpServer publicPort = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        publicPort.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        management.start();
        publicPort.start();
        try {
            String serverPort = String.valueOf(publicPort.getAddress().getPort());
            assertThat(probe(serverPort).exit()).isOne();
            var viaManagement = Tools.run(DOCKER, List.of("bash", DOCKER.resolve("healthcheck.sh").toString()),
                    Map.of("SERVER_PORT", serverPort,
                            "MANAGEMENT_SERVER_PORT", String.valueOf(management.getAddress().getPort())), 20);
            assertThat(viaManagement.exit()).as(viaManagement.output()).isZero();
        } finally {
            management.stop(0);
            publicPort.stop(0);
        }
    }

    @Test
    void theImagesTrainingRunRecordsACacheWithoutDatabaseOrRedisAndTheEntrypointAcceptsIt(@TempDir Path build)
            throws IOException {
        Path jar = Tools.ROOT.resolve("billing-service/target/billing-service.jar");
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: build the services first (./mvnw verify builds them before deploy/checks)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        var finalStage = finalStage();

        // stage 1: extract the layers exactly as the Dockerfile does
        Files.copy(jar, build.resolve("application.jar"));
        String extract = parse().stream().filter(instruction -> instruction.arguments().contains("extract --layers"))
                .findFirst().orElseThrow().arguments();
        var extraction = Tools.run(build, withJava(java, extract));
        assertThat(extraction.ok()).as(extraction.output()).isTrue();

        // stage 2: the layers in the Dockerfile's order into one folder (the image's /app)
        Path app = Files.createDirectories(build.resolve("app"));
        for (Instruction copy : finalStage) {
            if (copy.keyword().equals("COPY") && copy.arguments().contains("--from=layers")) {
                String layer = copy.arguments().replaceAll(".*(/extracted/[a-z-]+/).*", "$1");
                copyTree(build.resolve("extracted").resolve(layer.substring("/extracted/".length())), app);
            }
        }
        Map<String, String> nothingReachable = Map.of(
                "DATABASE_JDBC_URL", "jdbc:postgresql://127.0.0.1:9/none",
                "REDIS_URL", "redis://127.0.0.1:9");
        String training = finalStage.get(indexOf(finalStage, "RUN", "AOTCacheOutput")).arguments()
                .replace("/app/", app + "/");
        var trained = Tools.run(app, withJava(java, training), nothingReachable, 240);
        assertThat(trained.ok()).as(trained.output()).isTrue();
        Path cache = app.resolve("application.aot");
        assertThat(cache).exists();
        assertThat(Files.size(cache)).isGreaterThan(10L * 1024 * 1024);

        // the entrypoint's JVM options with AOTMode=on fail loudly if the cache does not fit the class path
        List<String> entrypoint = new ArrayList<>(Arrays.stream(finalStage.get(indexOf(finalStage, "ENTRYPOINT", ""))
                .arguments().replaceAll("[\\[\\]\"]", "").split(",")).map(String::strip)
                .map(argument -> argument.replace("/app/", app + "/")).toList());
        entrypoint.set(0, java);
        entrypoint.addAll(1, List.of("-XX:AOTMode=on", "-Dspring.context.exit=onRefresh", "-Dspring.flyway.enabled=false"));
        var started = Tools.run(app, entrypoint, nothingReachable, 240);
        assertThat(started.ok()).as(started.output()).isTrue();
    }

    private static Tools.Result probe(String port) {
        return Tools.run(DOCKER, List.of("bash", DOCKER.resolve("healthcheck.sh").toString()), Map.of("SERVER_PORT", port), 20);
    }

    private static List<String> withJava(String java, String command) {
        List<String> parts = new ArrayList<>(List.of(command.trim().split("\\s+")));
        assertThat(parts.getFirst()).isEqualTo("java");
        parts.set(0, java);
        return parts;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int indexOf(List<Instruction> instructions, String keyword, String containing) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword) && instructions.get(i).arguments().contains(containing)) {
                return i;
            }
        }
        throw new AssertionError("no " + keyword + " containing '" + containing + "' in the final stage");
    }

    private static List<Instruction> finalStage() throws IOException {
        var instructions = parse();
        int last = instructions.getLast().stage();
        return instructions.stream().filter(instruction -> instruction.stage() == last).toList();
    }

    /** Dockerfile syntax: comments, continuation lines, one instruction per logical line. */
    static List<Instruction> parse() throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        int stage = 0;
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            String text = logical.toString().strip();
            logical.setLength(0);
            String keyword = text.split("\\s+", 2)[0].toUpperCase();
            String arguments = text.contains(" ") ? text.substring(text.indexOf(' ') + 1).strip().replaceAll("\\s+", " ") : "";
            if (keyword.equals("FROM")) {
                stage++;
            }
            instructions.add(new Instruction(stage, keyword, arguments));
        }
        return instructions;
    }
}
