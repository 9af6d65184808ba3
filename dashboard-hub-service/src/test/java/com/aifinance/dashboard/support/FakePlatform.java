package com.aifinance.dashboard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.aifinance.common.testsupport.TestJwts;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Stand-ins for the services the hub fronts: one MockWebServer per service, answering what each test programs
 * ({@code METHOD path?query} → response) with the services' real JSON shapes and problem details, and a 404
 * problem for anything else. subscription-service's fake also answers the OAuth2 token and userinfo endpoints.
 * One set for the test JVM, so every test class shares one Spring context.
 */
public final class FakePlatform {

    public enum Service { SUBSCRIPTION, BILLING, ENTERPRISE, INSTITUTIONAL_API, ANALYTICS, MONITORING, QUEUE_MONITOR }

    private static final FakePlatform INSTANCE = new FakePlatform();

    private final Map<Service, MockWebServer> servers = new EnumMap<>(Service.class);
    private final Map<Service, Map<String, Function<RecordedRequest, MockResponse>>> routes = new EnumMap<>(Service.class);
    private final Map<Service, List<RecordedRequest>> received = new EnumMap<>(Service.class);

    private FakePlatform() {
        for (Service service : Service.values()) {
            Map<String, Function<RecordedRequest, MockResponse>> table = new ConcurrentHashMap<>();
            List<RecordedRequest> log = new CopyOnWriteArrayList<>();
            routes.put(service, table);
            received.put(service, log);
            MockWebServer server = new MockWebServer();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    log.add(request);
                    String key = request.getMethod() + " " + request.getTarget();
                    Function<RecordedRequest, MockResponse> route = table.get(key);
                    if (route == null) {
                        String path = request.getTarget().split("\\?")[0];
                        route = table.get(request.getMethod() + " " + path + "*");
                    }
                    return route != null ? route.apply(request) : problem(404, "not-found", "No such thing: " + key);
                }
            });
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            servers.put(service, server);
        }
    }

    public static FakePlatform get() {
        return INSTANCE;
    }

    public String url(Service service) {
        return "http://127.0.0.1:" + servers.get(service).getPort();
    }

    /** Answers {@code method target} (exact path and query; end the path with {@code *} to ignore the query). */
    public FakePlatform on(Service service, String method, String target, Function<RecordedRequest, MockResponse> answer) {
        routes.get(service).put(method + " " + target, answer);
        return this;
    }

    public FakePlatform json(Service service, String method, String target, int status, String body) {
        return on(service, method, target, request -> json(status, body));
    }

    /** The service is down: connections are refused. */
    public FakePlatform down(Service service, String method, String target) {
        return on(service, method, target, request -> new MockResponse.Builder()
                .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket()).build());
    }

    /** The service answers, but later than the hub waits. */
    public FakePlatform slow(Service service, String method, String target, long millis) {
        return on(service, method, target, request -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json").body("{}")
                .headersDelay(millis, java.util.concurrent.TimeUnit.MILLISECONDS).build());
    }

    public List<RecordedRequest> requests(Service service) {
        return List.copyOf(received.get(service));
    }

    public List<RecordedRequest> requests(Service service, String method, String pathPrefix) {
        List<RecordedRequest> matching = new ArrayList<>();
        for (RecordedRequest request : received.get(service)) {
            if (request.getMethod().equals(method) && request.getTarget().startsWith(pathPrefix)) {
                matching.add(request);
            }
        }
        return matching;
    }

    public static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
    }

    public void reset() {
        routes.values().forEach(Map::clear);
        received.values().forEach(List::clear);
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status)
                .addHeader("Content-Type", status >= 400 ? "application/problem+json" : "application/json")
                .body(body).build();
    }

    public static MockResponse problem(int status, String slug, String detail) {
        return json(status, """
                {"type":"tag:aifinance.agency,2026:problems/%s","title":"Refused","status":%d,"detail":"%s"}"""
                .formatted(slug, status, detail.replace("\"", "'")));
    }

    public static MockResponse validation(String field, String message) {
        return json(400, """
                {"type":"tag:aifinance.agency,2026:problems/validation","title":"Invalid request","status":400,
                 "detail":"The request has 1 invalid field.","errors":[{"field":"%s","message":"%s"}]}"""
                .formatted(field, message));
    }

    /** Points a test context at the fakes (and ID tokens at the JWKS of {@link TestJwts}). */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            FakePlatform fakes = get();
            Map<String, Object> properties = new HashMap<>();
            properties.put("aifa.services.subscription", fakes.url(Service.SUBSCRIPTION));
            properties.put("aifa.services.billing", fakes.url(Service.BILLING));
            properties.put("aifa.services.enterprise", fakes.url(Service.ENTERPRISE));
            properties.put("aifa.services.institutional-api", fakes.url(Service.INSTITUTIONAL_API));
            properties.put("aifa.services.analytics", fakes.url(Service.ANALYTICS));
            properties.put("aifa.services.monitoring", fakes.url(Service.MONITORING));
            properties.put("aifa.services.queue-monitor", fakes.url(Service.QUEUE_MONITOR));
            properties.put("aifa.services.read-timeout", "2s");
            properties.put("aifa.login.client-secret", "test-secret");
            properties.put("aifa.login.token-uri", fakes.url(Service.SUBSCRIPTION) + "/oauth2/token");
            properties.put("aifa.login.user-info-uri", fakes.url(Service.SUBSCRIPTION) + "/oauth2/userinfo");
            properties.put("aifa.login.jwk-set-uri", TestJwts.jwkSetUri());
            properties.put("aifa.login.issuer", TestJwts.ISSUER);
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("aifaFakePlatform", properties));
        }
    }
}
