package com.aifinance.common.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/**
 * A Redis server process from the codemonstur embedded-redis binaries, with an append-only file so that streams and
 * consumer groups survive a restart.
 */
public final class RedisProcess implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final boolean fsyncEveryWrite;
    private RedisServer server;

    private RedisProcess(Path directory, int port, boolean fsyncEveryWrite) {
        this.directory = directory.toAbsolutePath();
        this.port = port;
        this.fsyncEveryWrite = fsyncEveryWrite;
    }

    /**
     * Starts Redis on {@code port} with its files in {@code directory}.
     *
     * @param fsyncEveryWrite flush the append-only file on every write, so an acknowledged event survives a crash
     */
    public static RedisProcess start(Path directory, int port, boolean fsyncEveryWrite) {
        RedisProcess process = new RedisProcess(directory, port, fsyncEveryWrite);
        process.start();
        return process;
    }

    public synchronized void start() {
        if (server != null && server.isActive()) {
            return;
        }
        if (!PortProbe.isFree(port)) {
            throw new EmbeddedInfrastructureException("port " + port + " for Redis is already in use");
        }
        try {
            Files.createDirectories(directory);
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + directory)
                    .setting("appendonly yes")
                    .setting("appendfsync " + (fsyncEveryWrite ? "always" : "everysec"))
                    .setting("save \"\"")
                    .setting("protected-mode no")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    public boolean isRunning() {
        return server != null && server.isActive();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
