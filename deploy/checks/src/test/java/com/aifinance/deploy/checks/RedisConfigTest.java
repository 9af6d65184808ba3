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

/**
 * deploy/redis/redis.conf run by the machine's redis-server: persistence, no eviction, password, risky commands off,
 * and the keyspace notifications Spring Session's indexed repository needs (the services do not CONFIG SET them).
 */
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
            expiredAndDeletedKeysAreAnnounced(port, data);
        } finally {
            redis.destroy();
            redis.waitFor();
        }
    }

    /**
     * What Spring Session's indexed repository listens to: {@code __keyevent@*__:expired} and {@code :del}. Without
     * {@code notify-keyspace-events Egx} nothing arrives, expired sessions are never cleaned from the by-user index,
     * and a subscriber would wait here in vain.
     */
    private static void expiredAndDeletedKeysAreAnnounced(int port, Path data) throws Exception {
        assertThat(cli(port, "s3cret", "CONFIG", "GET", "notify-keyspace-events").output())
                .containsPattern("(?m)^(?=[A-Za-z$]*E)(?=[A-Za-z$]*g)(?=[A-Za-z$]*x)[A-Za-z$]+$");
        Path heard = data.resolve("keyevents.out");
        ProcessBuilder builder = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "SUBSCRIBE", "__keyevent@0__:expired", "__keyevent@0__:del")
                .redirectErrorStream(true).redirectOutput(heard.toFile());
        builder.environment().put("REDISCLI_AUTH", "s3cret");
        Process subscriber = builder.start();
        try {
            awaitContent(heard, "__keyevent@0__:del", subscriber);
            assertThat(cli(port, "s3cret", "SET", "aifa:subscription:session:sessions:expires:probe", "", "PX", "50")
                    .output()).contains("OK");
            assertThat(cli(port, "s3cret", "SET", "aifa:subscription:session:sessions:gone", "x").output()).contains("OK");
            assertThat(cli(port, "s3cret", "DEL", "aifa:subscription:session:sessions:gone").output()).contains("1");
            // an expired key is announced when Redis notices it: on access, or by its active expiry cycle (10 Hz)
            awaitContent(heard, "aifa:subscription:session:sessions:expires:probe", subscriber);
            awaitContent(heard, "aifa:subscription:session:sessions:gone", subscriber);
        } finally {
            subscriber.destroy();
            subscriber.waitFor();
        }
    }

    private static void awaitContent(Path file, String expected, Process writer) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            String content = Files.exists(file) ? Files.readString(file) : "";
            if (content.contains(expected)) {
                return;
            }
            assertThat(writer.isAlive()).as("redis-cli SUBSCRIBE ended: " + content).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("not announced within 20 s: " + expected + "; heard: " + Files.readString(file));
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
