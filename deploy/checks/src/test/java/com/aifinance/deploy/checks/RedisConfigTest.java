package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/redis/redis.conf run by the machine's redis-server: persistence, no eviction, password, risky commands off. */
class RedisConfigTest {

    @Test
    void redisRunsTheConfigurationWithAppendOnlyPersistenceAndNoEviction(@TempDir Path data) throws Exception {
        Tools.require("redis-server");
        Tools.require("redis-cli");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // the committed file, with only where it listens and writes moved for this machine
        Process redis = new ProcessBuilder("redis-server", Tools.ROOT.resolve("deploy/redis/redis.conf").toString(),
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--dir", data.toString(),
                "--requirepass", "s3cret", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(data.resolve("redis.log").toFile()).start();
        try {
            awaitPort(port, redis, data.resolve("redis.log"));
            assertThat(cli(port, null, "PING").output()).contains("NOAUTH");
            assertThat(cli(port, "s3cret", "CONFIG", "GET", "appendonly").output()).contains("yes");
            assertThat(cli(port, "s3cret", "CONFIG", "GET", "appendfsync").output()).contains("everysec");
            assertThat(cli(port, "s3cret", "CONFIG", "GET", "maxmemory-policy").output()).contains("noeviction");
            assertThat(cli(port, "s3cret", "FLUSHALL").output()).containsIgnoringCase("unknown command");
            assertThat(cli(port, "s3cret", "XADD", "aifa.billing", "*", "type", "payment.succeeded").output()).contains("-");
            try (var files = Files.walk(data)) {
                assertThat(files.map(path -> path.getFileName().toString()).toList())
                        .anyMatch(name -> name.contains(".aof"));
            }
        } finally {
            redis.destroy();
            redis.waitFor();
        }
    }

    private static Tools.Result cli(int port, String password, String... command) {
        var line = Tools.command("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port));
        line.addAll(List.of(command));
        return Tools.run(Tools.ROOT, line, password == null ? Map.of() : Map.of("REDISCLI_AUTH", password), 20);
    }

    private static void awaitPort(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
                Thread.sleep(50);
            }
        }
        throw new AssertionError("redis-server did not listen: " + Files.readString(log));
    }
}
