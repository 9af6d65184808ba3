package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real tools the checks run (installed by deploy/ci-tools.sh), and where the repository is. */
final class Tools {

    static final Path ROOT = findRoot();

    private Tools() {
    }

    /** The output and exit status of a finished command. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** Fails the test with the way to install {@code tool} when it is not on the PATH. */
    static void require(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return;
            }
        }
        fail(tool + " is not installed: run deploy/ci-tools.sh (it installs every tool the deploy checks need)");
    }

    static Result run(Path directory, List<String> command) {
        return run(directory, command, Map.of(), 120);
    }

    static Result run(Path directory, List<String> command, Map<String, String> environment, int timeoutSeconds) {
        require(command.getFirst().contains("/") ? command.getFirst().substring(command.getFirst().lastIndexOf('/') + 1)
                : command.getFirst(), command.getFirst());
        try {
            Path output = Files.createTempFile("aifa-tool", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void require(String tool, String command) {
        if (command.contains("/")) {
            if (!Files.isExecutable(Path.of(command))) {
                fail(command + " is not installed: run deploy/ci-tools.sh");
            }
        } else {
            require(tool);
        }
    }

    static List<String> command(String... parts) {
        return new ArrayList<>(List.of(parts));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path findRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("docker-compose.production.yml"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("not inside the repository (no docker-compose.production.yml above "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return directory;
    }
}
