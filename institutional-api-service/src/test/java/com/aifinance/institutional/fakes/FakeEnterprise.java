package com.aifinance.institutional.fakes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * enterprise-service's {@code POST /api/enterprise/internal/api-clients/usage} as docs/enterprise.md describes it:
 * a bearer token of a platform service, {@code {reports: [{clientId, requests, lastUsedAt}]}} (1 to 1000), answered
 * {@code {results: [{clientId, status, recorded}]}} with status {@code active}, {@code revoked} or {@code unknown};
 * problem details otherwise. Like enterprise it adds each recorded report's requests to the client's total and keeps
 * the latest last-used time.
 */
public final class FakeEnterprise extends Dispatcher {

    /** How the fake behaves for the next requests. */
    public enum Mode { UP, DOWN, REFUSE_NEXT }

    private static final JsonMapper JSON = new JsonMapper();

    private final MockWebServer server = new MockWebServer();
    private final FakeTokenEndpoint tokens;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, Long> totals = new ConcurrentHashMap<>();
    private final Map<String, String> lastUsed = new ConcurrentHashMap<>();
    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private volatile Mode mode = Mode.UP;

    /** One request as received, and what it was answered. */
    public record Attempt(String authorization, String body, int status) {

        public JsonNode reports() {
            return JSON.readTree(body).path("reports");
        }
    }

    FakeEnterprise(FakeTokenEndpoint tokens) {
        this.tokens = tokens;
        server.setDispatcher(this);
        try {
            server.start(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** enterprise-service knows this client as revoked. */
    public void revoked(String clientId) {
        statuses.put(clientId, "revoked");
    }

    public void unknown(String clientId) {
        statuses.put(clientId, "unknown");
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The client's request total as enterprise recorded it (0 when never recorded). */
    public long total(String clientId) {
        return totals.getOrDefault(clientId, 0L);
    }

    public String lastUsed(String clientId) {
        return lastUsed.get(clientId);
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        String authorization = request.getHeaders().get("Authorization");
        MockResponse response = answer(request, body, authorization);
        attempts.add(new Attempt(authorization, body, response.getCode()));
        return response;
    }

    private MockResponse answer(RecordedRequest request, String body, String authorization) {
        if (mode == Mode.DOWN) {
            return problem(503, "Service Unavailable", "enterprise-service is restarting");
        }
        if (!"POST".equals(request.getMethod())
                || !"/api/enterprise/internal/api-clients/usage".equals(request.getUrl().encodedPath())) {
            return problem(404, "Not Found", "No such endpoint");
        }
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !tokens.accepts(authorization.substring("Bearer ".length()))) {
            return problem(401, "Unauthorized", "The access token is missing, invalid or expired");
        }
        if (mode == Mode.REFUSE_NEXT) {
            mode = Mode.UP;
            return problem(400, "Bad Request", "lastUsedAt of some client is in the future");
        }
        JsonNode reports = JSON.readTree(body).path("reports");
        if (!reports.isArray() || reports.isEmpty() || reports.size() > 1000) {
            return problem(400, "Bad Request", "reports: size must be between 1 and 1000");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode report : reports) {
            String clientId = report.path("clientId").asString();
            String status = statuses.getOrDefault(clientId, "active");
            if (status.equals("active")) {
                totals.merge(clientId, report.path("requests").asLong(), Long::sum);
                lastUsed.merge(clientId, report.path("lastUsedAt").asString(),
                        (a, b) -> java.time.Instant.parse(a).isAfter(java.time.Instant.parse(b)) ? a : b);
            }
            results.add(Map.of("clientId", clientId, "status", status, "recorded", status.equals("active")));
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(JSON.writeValueAsString(Map.of("results", results))).build();
    }

    private static MockResponse problem(int status, String title, String detail) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/problem+json")
                .body(JSON.writeValueAsString(Map.of("type", "about:blank", "title", title, "status", status,
                        "detail", detail)))
                .build();
    }
}
