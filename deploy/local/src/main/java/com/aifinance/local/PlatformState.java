package com.aifinance.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The running platform's pid file and a one-line state file ({@code starting}, {@code ready}, {@code failed: …},
 * {@code stopping}, {@code stopped}) that scripts read to wait for the platform when it runs detached.
 */
final class PlatformState {

    private final Path pidFile;
    private final Path stateFile;

    PlatformState(Path localDirectory) {
        this.pidFile = localDirectory.resolve("platform.pid");
        this.stateFile = localDirectory.resolve("platform.state");
    }

    /** The pid of a platform that is running now, or null. A pid file left by a killed launcher is ignored. */
    String runningPlatform() {
        try {
            if (!Files.exists(pidFile)) {
                return null;
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            if (pid == ProcessHandle.current().pid()) {
                return null;
            }
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(command -> command.contains("java")).orElse(true))
                    .map(handle -> String.valueOf(pid))
                    .orElse(null);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    void claim() {
        write(pidFile, String.valueOf(ProcessHandle.current().pid()));
        write("starting");
    }

    void write(String state) {
        write(stateFile, state);
    }

    void release() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String current = read();
        if (current == null || !current.startsWith("failed")) {
            write("stopped");
        }
    }

    private String read() {
        try {
            return Files.exists(stateFile) ? Files.readString(stateFile).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, String content) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, content + System.lineSeparator());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
