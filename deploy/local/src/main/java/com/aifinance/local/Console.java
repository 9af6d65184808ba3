package com.aifinance.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The launcher's progress lines: elapsed time, component, what happened. */
final class Console {

    private final long started = System.nanoTime();

    void header(PlatformSettings settings) {
        System.out.println("AI Finance Agency — local platform");
        System.out.println("  data: " + settings.dataDirectory() + "   logs: " + settings.logDirectory());
        System.out.flush();
    }

    synchronized void line(String component, String message) {
        System.out.printf("[%6.1fs] %-26s %s%n", elapsed(), component, message);
        System.out.flush();
    }

    synchronized void failed(String component, String reason, List<String> lastLines, Path logFile) {
        line(component, "FAILED: " + reason);
        System.out.println("           last lines of " + logFile + ":");
        lastLines.forEach(line -> System.out.println("           | " + line));
        System.out.flush();
    }

    synchronized void ready(Duration startup, long residentKilobytes) {
        System.out.println();
        System.out.printf("Platform healthy in %.1f s (services use %d MiB resident).%n", startup.toMillis() / 1000.0,
                residentKilobytes / 1024);
        System.out.println("Open http://localhost:8080");
        System.out.println("Stop with Ctrl-C, or deploy/local/stop when it runs detached.");
        System.out.flush();
    }

    /** Prints the demo logins subscription-service wrote, so a new user can sign in at once. */
    synchronized void demoLogins(Path credentials, Path root) {
        if (!java.nio.file.Files.isRegularFile(credentials)) {
            return;
        }
        try {
            tools.jackson.databind.JsonNode demo = tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(credentials.toFile());
            System.out.println();
            System.out.println("Demo logins (also in " + root.relativize(credentials) + "):");
            for (tools.jackson.databind.JsonNode user : demo.path("users")) {
                System.out.printf("  %-18s %-40s %s%s%n", user.path("role").asString(), user.path("email").asString(),
                        user.path("password").asString(),
                        user.hasNonNull("totpSecret") ? "   (TOTP secret " + user.path("totpSecret").asString() + ")" : "");
            }
            tools.jackson.databind.JsonNode client = demo.path("institutionalClient");
            if (!client.isMissingNode()) {
                System.out.printf("  %-18s client id %s, secret %s (POST %s, grant_type=client_credentials)%n",
                        "institutional API", client.path("clientId").asString(), client.path("clientSecret").asString(),
                        demo.path("tokenUrl").asString("http://localhost:8080/oauth2/token"));
            }
            System.out.flush();
        } catch (RuntimeException e) {
            System.out.println("(demo logins in " + credentials + " could not be read: " + e.getMessage() + ")");
        }
    }

    synchronized void error(String message) {
        System.err.println("error: " + message);
        System.err.flush();
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }
}
