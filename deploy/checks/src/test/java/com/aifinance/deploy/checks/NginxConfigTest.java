package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * deploy/nginx/nginx.conf with Debian's nginx and a throwaway certificate: `nginx -t`, then the same file running
 * (only its ports moved) in front of a stand-in gateway, probed over TLS. The gateway host names resolve through a
 * private /etc/hosts in a mount namespace of the nginx process only.
 */
class NginxConfigTest {

    @TempDir
    static Path directory;

    private static Process nginx;
    private static HttpServer gateway;
    private static int httpsPort;
    private static int httpPort;
    private static final AtomicReference<String> forwardedFor = new AtomicReference<>();

    @BeforeAll
    static void prepare() throws IOException {
        Tools.require("nginx");
        Tools.require("openssl");
        Tools.require("unshare");
        Files.copy(Tools.ROOT.resolve("deploy/nginx/nginx.conf"), directory.resolve("nginx.conf"));
        Files.copy(Path.of("/etc/nginx/mime.types"), directory.resolve("mime.types"));
        Files.createDirectories(directory.resolve("certs"));
        var certificate = Tools.run(directory, List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", "certs/privkey.pem", "-out", "certs/fullchain.pem", "-days", "1", "-subj", "/CN=localhost"));
        assertThat(certificate.ok()).as(certificate.output()).isTrue();
        Files.writeString(directory.resolve("hosts"), Files.readString(Path.of("/etc/hosts"))
                + "\n127.0.0.1 gateway-1 gateway-2\n");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor();
        }
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void nginxAcceptsTheConfigurationAsCommitted() {
        var result = nginx(directory.resolve("nginx.conf"), "-t");
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("test is successful");
    }

    @Test
    void nginxRejectsAnUpstreamDeclaredInsideAServerAsTheSeedsSampleDid() throws IOException {
        Path seedStyle = directory.resolve("seed-style.conf");
        Files.writeString(seedStyle, """
                events {}
                error_log stderr;
                pid /tmp/aifa-seed-style.pid;
                http {
                    server {
                        listen 8443;
                        upstream gateway { server gateway-1:8080; }
                        location / { proxy_pass http://gateway; }
                    }
                }
                """);
        var result = nginx(seedStyle, "-t");
        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("\"upstream\" directive is not allowed here");
    }

    @Test
    void theRunningProxyServesModernTlsWithTheSecurityHeadersAndOverwritesForwardedFor() throws Exception {
        startGatewayAndNginx();

        var health = curl("-sk", "-D", "-", "-o", "/dev/null", "https://127.0.0.1:" + httpsPort + "/nginx-health");
        assertThat(health).contains("HTTP/2 200").containsIgnoringCase("strict-transport-security: max-age=63072000; includeSubDomains")
                .containsIgnoringCase("x-frame-options: DENY").containsIgnoringCase("x-content-type-options: nosniff")
                .containsIgnoringCase("content-security-policy: default-src 'self'")
                .containsIgnoringCase("referrer-policy: strict-origin-when-cross-origin");

        var proxied = curl("-sk", "-D", "-", "-H", "X-Forwarded-For: 6.6.6.6",
                "https://127.0.0.1:" + httpsPort + "/api/subscriptions/plans");
        assertThat(proxied).contains("HTTP/2 200").contains("gateway answered");
        // the gateway's own copy of a security header is replaced, so each header is sent once
        assertThat(proxied.toLowerCase().split("x-frame-options", -1)).hasSize(2);
        assertThat(proxied).containsIgnoringCase("x-frame-options: DENY");
        assertThat(forwardedFor.get()).isEqualTo("127.0.0.1");

        assertThat(curl("-sk", "-o", "/dev/null", "-w", "%{http_code}", "https://127.0.0.1:" + httpsPort + "/actuator/env"))
                .isEqualTo("404");
        assertThat(curl("-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "http://127.0.0.1:" + httpPort + "/x"))
                .startsWith("301 https://127.0.0.1/x");

        assertThat(handshake("-tls1_3").output()).contains("New, TLSv1.3, Cipher is TLS_");
        assertThat(handshake("-tls1_2").output())
                .containsPattern("New, TLSv1.2, Cipher is ECDHE-RSA-(AES128-GCM-SHA256|AES256-GCM-SHA384|CHACHA20-POLY1305)");
        assertThat(handshake("-tls1_1").output()).doesNotContain("New, TLSv1.1").doesNotContain("New, TLSv1,");
        // a TLS 1.2 client offering only a CBC suite without forward secrecy is refused
        assertThat(handshake("-tls1_2", "-cipher", "AES128-SHA").output()).contains("Cipher is (NONE)");
    }

    private static void startGatewayAndNginx() throws Exception {
        if (nginx != null) {
            return;
        }
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            forwardedFor.set(exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
            byte[] body = "gateway answered".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Frame-Options", "SAMEORIGIN");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
        httpsPort = freePort();
        httpPort = freePort();
        String config = Files.readString(directory.resolve("nginx.conf"))
                .replace("listen 443 ", "listen 127.0.0.1:" + httpsPort + " ")
                .replace("listen [::]:443 ssl http2 default_server;", "")
                .replace("listen 80 ", "listen 127.0.0.1:" + httpPort + " ")
                .replace("listen [::]:80 default_server;", "")
                .replace(":8080 ", ":" + gateway.getAddress().getPort() + " ")
                .replace("pid /tmp/nginx.pid;", "pid " + directory.resolve("nginx.pid") + ";");
        Path running = directory.resolve("running.conf");
        Files.writeString(running, config);
        nginx = new ProcessBuilder(namespaced(running, "-g", "daemon off;"))
                .redirectErrorStream(true).redirectOutput(directory.resolve("nginx.log").toFile()).start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", httpsPort)) {
                return;
            } catch (IOException notYet) {
                assertThat(nginx.isAlive()).as(Files.readString(directory.resolve("nginx.log"))).isTrue();
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nginx did not listen on " + httpsPort + ": " + Files.readString(directory.resolve("nginx.log")));
    }

    private static Tools.Result nginx(Path config, String... arguments) {
        List<String> command = namespaced(config, arguments);
        return Tools.run(directory, command);
    }

    /**
     * nginx in a private mount namespace whose /etc/hosts knows the gateway replicas. As root (CI here) plainly; as
     * another user through passwordless sudo (GitHub's runners), else in a user namespace where the system allows it.
     */
    private static List<String> namespaced(Path config, String... arguments) {
        String nginx = "exec nginx -p " + directory + " -c " + config + " " + String.join(" ",
                java.util.Arrays.stream(arguments).map(argument -> "'" + argument + "'").toList());
        String script = "mount --bind " + directory.resolve("hosts") + " /etc/hosts && " + nginx;
        if (Tools.isRoot()) {
            return List.of("unshare", "-m", "sh", "-c", script);
        }
        if (Tools.run(directory, List.of("sh", "-c", "command -v sudo >/dev/null && sudo -n true")).ok()) {
            return List.of("sudo", "-n", "unshare", "-m", "sh", "-c", script);
        }
        return List.of("unshare", "-r", "-m", "sh", "-c", script);
    }

    private static String curl(String... arguments) {
        var command = Tools.command("curl", "--max-time", "10");
        command.addAll(List.of(arguments));
        return Tools.run(directory, command).output();
    }

    private static Tools.Result handshake(String... options) {
        var command = Tools.command("sh", "-c", "echo | openssl s_client -connect 127.0.0.1:" + httpsPort + " "
                + String.join(" ", options) + " 2>&1");
        return Tools.run(directory, command);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
