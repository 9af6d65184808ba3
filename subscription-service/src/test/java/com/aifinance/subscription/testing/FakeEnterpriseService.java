package com.aifinance.subscription.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * enterprise-service's internal SSO lookup ({@code GET /api/enterprise/internal/sso?emailDomain=}) as it answers:
 * the verified configuration with the client secret, 404 problem details for an unknown domain, 401 without a token.
 */
public final class FakeEnterpriseService implements AutoCloseable {

    private static final JsonMapper JSON = new JsonMapper();

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Map<String, Object>> sso = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    public FakeEnterpriseService() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** From now on the domain has this verified SSO configuration. */
    public void configureSso(String organisationId, String emailDomain, String issuer, String clientId,
                             String clientSecret, boolean enforced) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisationId", organisationId);
        body.put("emailDomain", emailDomain);
        body.put("issuer", issuer);
        body.put("clientId", clientId);
        body.put("clientSecret", clientSecret);
        body.put("enforced", enforced);
        body.put("mfaRequired", true);
        sso.put(emailDomain, body);
    }

    /** The Authorization headers of the SSO lookups received so far. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse answer(RecordedRequest request) {
        if (!"/api/enterprise/internal/sso".equals(request.getUrl().encodedPath())) {
            return problem(404, "Not Found");
        }
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return problem(401, "Unauthorized");
        }
        authorizations.add(authorization);
        Map<String, Object> body = sso.get(String.valueOf(request.getUrl().queryParameter("emailDomain")));
        if (body == null) {
            return problem(404, "Not Found");
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("Cache-Control", "no-store").body(JSON.writeValueAsString(body)).build();
    }

    private static MockResponse problem(int status, String title) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/problem+json")
                .body(JSON.writeValueAsString(Map.of("type", "tag:aifinance.agency,2026:problems/not-found",
                        "title", title, "status", status))).build();
    }
}
