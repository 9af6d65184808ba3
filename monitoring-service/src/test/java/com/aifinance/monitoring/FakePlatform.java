package com.aifinance.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One local HTTP server that plays the platform for the monitor's tests: every service's readiness endpoint under
 * {@code /svc/<service>} (answering like Spring Boot's actuator, or not), and the gateway's journeys under
 * {@code /gw} (discovery document, OAuth2 token endpoint, signals list, dashboard page). Registered as a context
 * initializer (test {@code spring.factories}), it tells the context its URL as {@code fake-platform.url}.
 */
public class FakePlatform implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String CLIENT_ID = "probe-client";
    public static final String CLIENT_SECRET = "probe-secret";
    public static final String ACCESS_TOKEN = "token-for-the-probe";

    /** How a service answers its readiness check. */
    public enum Readiness { UP, DOWN, NOT_JSON, SLOW }

    private static final Map<String, Readiness> services = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> journeysPresent = new ConcurrentHashMap<>();
    private static HttpServer server;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fakePlatform",
                Map.of("fake-platform.url", url())));
    }

    public static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/svc/", FakePlatform::readiness);
            server.createContext("/gw/", FakePlatform::gateway);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static void set(String service, Readiness readiness) {
        services.put(service, readiness);
    }

    /** Makes a journey's endpoint (discovery, token, signals, dashboard) exist or answer 404. */
    public static void journey(String journey, boolean present) {
        journeysPresent.put(journey, present);
    }

    /** Every service up and every journey's endpoint present. */
    public static void reset() {
        services.clear();
        journeysPresent.clear();
    }

    private static void readiness(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        if (parts.length < 3 || !exchange.getRequestURI().getPath().endsWith("/actuator/health/readiness")) {
            send(exchange, 404, "application/json", "{\"status\":404}");
            return;
        }
        switch (services.getOrDefault(parts[2], Readiness.UP)) {
            case UP -> send(exchange, 200, "application/vnd.spring-boot.actuator.v3+json",
                    "{\"status\":\"UP\",\"components\":{\"db\":{\"status\":\"UP\"}}}");
            case DOWN -> send(exchange, 503, "application/vnd.spring-boot.actuator.v3+json",
                    "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"}}}");
            case NOT_JSON -> send(exchange, 200, "text/html", "<html>a login page</html>");
            case SLOW -> {
                sleep(Duration.ofSeconds(3));
                send(exchange, 200, "application/json", "{\"status\":\"UP\"}");
            }
        }
    }

    private static void gateway(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/gw".length());
        String journey = switch (path) {
            case "/.well-known/openid-configuration" -> "discovery";
            case "/oauth2/token" -> "token";
            case "/v1/signals" -> "signals";
            case "/" -> "dashboard";
            default -> null;
        };
        if (journey == null || !journeysPresent.getOrDefault(journey, true)) {
            send(exchange, 404, "application/problem+json",
                    "{\"type\":\"tag:aifinance.agency,2026:problems/not-found\",\"title\":\"Not found\",\"status\":404}");
            return;
        }
        switch (journey) {
            case "discovery" -> send(exchange, 200, "application/json", """
                    {"issuer":"http://localhost:8080","token_endpoint":"http://localhost:8080/oauth2/token",
                     "jwks_uri":"http://localhost:8080/oauth2/jwks"}""");
            case "token" -> {
                String expected = "Basic " + Base64.getEncoder().encodeToString(
                        (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!"POST".equals(exchange.getRequestMethod()) || !body.contains("grant_type=client_credentials")) {
                    send(exchange, 400, "application/json", "{\"error\":\"invalid_request\"}");
                } else if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
                } else {
                    send(exchange, 200, "application/json", "{\"access_token\":\"" + ACCESS_TOKEN
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":900,\"scope\":\"signals:read\"}");
                }
            }
            case "signals" -> {
                if (!("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    send(exchange, 401, "application/problem+json", "{\"title\":\"Unauthorized\",\"status\":401}");
                } else {
                    send(exchange, 200, "application/json", "{\"items\":[],\"nextCursor\":null}");
                }
            }
            default -> send(exchange, 200, "text/html;charset=UTF-8", "<!doctype html><title>AI Finance</title>");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
