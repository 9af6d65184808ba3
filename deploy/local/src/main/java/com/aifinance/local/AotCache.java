package com.aifinance.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs each service from its extracted jar with a JDK 25 ahead-of-time cache (JEP 483/514): the first run records
 * the classes the service loads and links, and the JVM writes the cache when the service stops; later runs map it
 * and start in about a third of the time. A changed jar is extracted again and its cache recorded afresh.
 */
final class AotCache {

    private final Path directory;
    private final boolean enabled;

    AotCache(Path localDirectory, boolean enabled) {
        this.directory = localDirectory.resolve("app");
        this.enabled = enabled;
    }

    /** The jar to launch for {@code spec}: the extracted one (a plain classpath the cache can describe). */
    Path prepare(Path root, ServiceSpec spec, String javaCommand) throws IOException, InterruptedException {
        Path built = root.resolve(spec.jarPath());
        if (!enabled) {
            return built;
        }
        Path extracted = directory.resolve(spec.name());
        Path launchJar = extracted.resolve(spec.name() + ".jar");
        if (!Files.exists(launchJar) || Files.getLastModifiedTime(launchJar).compareTo(Files.getLastModifiedTime(built)) < 0) {
            deleteRecursively(extracted);
            Files.deleteIfExists(cacheFile(spec));
            Process extract = new ProcessBuilder(javaCommand, "-Djarmode=tools", "-jar", built.toString(), "extract",
                    "--destination", extracted.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                throw new IOException("could not extract " + built);
            }
            Files.setLastModifiedTime(launchJar, Files.getLastModifiedTime(built));
        }
        return launchJar;
    }

    /** JVM options that use the cache, or record it when there is none yet. */
    List<String> jvmOptions(ServiceSpec spec) {
        if (!enabled) {
            return List.of();
        }
        Path cache = cacheFile(spec);
        return Files.exists(cache) ? List.of("-XX:AOTCache=" + cache)
                : List.of("-XX:AOTCacheOutput=" + cache);
    }

    boolean isRecorded(ServiceSpec spec) {
        return Files.exists(cacheFile(spec));
    }

    private Path cacheFile(ServiceSpec spec) {
        return directory.resolve(spec.name() + ".aot");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path entry : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        }
    }
}
