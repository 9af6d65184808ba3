package com.aifinance.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where the gateway loads enterprise IP allowlists from, faked as the real services answer: subscription-service's
 * token endpoint (Spring Authorization Server: {@code client_credentials} with HTTP Basic client authentication,
 * {@code {access_token, token_type, expires_in, scope}} or {@code 401 {error: invalid_client}}) and enterprise-service's
 * {@code GET /api/enterprise/allowlists} (role {@code service}: {@code [{organisationId, cidrs, version, updatedAt}]},
 * else a 401 problem). The shared instance serves the test context; tests of loading make their own.
 */
public final class FakeAllowlistSource implements AutoCloseable {

    public static final String CLIENT_ID = "gateway-service";
    public static final String CLIENT_SECRET = "s3cret+with/odd=chars";

    /** An organisation whose list the shared source serves at start: one IPv4 and one IPv6 office network. */
    public static final String OFFICE_ORGANISATION = "6f1c2a4e-8b1d-4c55-9a0e-2f5b7d9c1a01";
    public static final List<String> OFFICE_NETWORKS = List.of("203.0.113.0/24", "2001:db8:a::/48");

    private static final FakeAllowlistSource SHARED = new FakeAllowlistSource();

    static {
        SHARED.serve(OFFICE_ORGANISATION, 3, OFFICE_NETWORKS);
    }

    private final MockWebServer identity = new MockWebServer();
    private final MockWebServer enterprise = new MockWebServer();
    private final Map<String, Map<String, Object>> lists = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    private volatile boolean enterpriseDown;
    private volatile String malformedAnswer;

    public FakeAllowlistSource() {
        identity.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return token(request);
            }
        });
        enterprise.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return allowlists(request);
            }
        });
        try {
            identity.start();
            enterprise.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FakeAllowlistSource shared() {
        return SHARED;
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("aifa.gateway.allowlists.token-uri", this::tokenUri);
        registry.add("aifa.gateway.allowlists.source-uri", this::sourceUri);
        registry.add("aifa.gateway.allowlists.client-id", () -> CLIENT_ID);
        registry.add("aifa.gateway.allowlists.client-secret", () -> CLIENT_SECRET);
    }

    public String tokenUri() {
        return "http://127.0.0.1:" + identity.getPort() + "/oauth2/token";
    }

    public String sourceUri() {
        return "http://127.0.0.1:" + enterprise.getPort() + "/api/enterprise/allowlists";
    }

    /** From now on enterprise-service answers with this organisation's list; an empty list removes it. */
    public void serve(String organisationId, long version, List<String> cidrs) {
        if (cidrs.isEmpty()) {
            lists.remove(organisationId);
            return;
        }
        lists.put(organisationId, Map.of("organisationId", organisationId, "cidrs", cidrs, "version", version,
                "updatedAt", Instant.now().toString()));
    }

    /** From now on enterprise-service answers 200 with this body, whatever the lists. */
    public void serveMalformed(String body) {
        malformedAnswer = body;
    }

    /** enterprise-service is down (503 from its load balancer) until {@link #recover()}. */
    public void goDown() {
        enterpriseDown = true;
    }

    public void recover() {
        enterpriseDown = false;
    }

    /** The tokens issued so far stop being accepted (as after a signing-key rotation). */
    public void revokeIssuedTokens() {
        issued.clear();
    }

    public RecordedRequest tokenRequest() throws InterruptedException {
        return identity.takeRequest(20, TimeUnit.SECONDS);
    }

    public RecordedRequest allowlistsRequest() throws InterruptedException {
        return enterprise.takeRequest(20, TimeUnit.SECONDS);
    }

    public int tokensIssued() {
        return tokenCounter.get();
    }

    private MockResponse token(RecordedRequest request) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(("gateway-service:"
                + "s3cret%2Bwith%2Fodd%3Dchars").getBytes(StandardCharsets.UTF_8));
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        if (!"POST".equals(request.getMethod()) || !"/oauth2/token".equals(request.getTarget())
                || !expected.equals(request.getHeaders().get("Authorization"))
                || !body.contains("grant_type=client_credentials")) {
            return json(401, "{\"error\":\"invalid_client\"}");
        }
        String token = "service-token-" + tokenCounter.incrementAndGet();
        issued.add(token);
        return json(200, "{\"access_token\":\"" + token + "\",\"scope\":\"internal\",\"token_type\":\"Bearer\","
                + "\"expires_in\":899}");
    }

    private MockResponse allowlists(RecordedRequest request) {
        if (enterpriseDown) {
            return new MockResponse.Builder().code(503).addHeader("Content-Type", "text/html")
                    .body("<html>503 Service Temporarily Unavailable</html>").build();
        }
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !issued.contains(authorization.substring(7))) {
            return new MockResponse.Builder().code(401).addHeader("Content-Type", "application/problem+json")
                    .addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .body("{\"type\":\"tag:aifinance.agency,2026:problems/unauthorized\",\"status\":401}").build();
        }
        if (malformedAnswer != null) {
            return json(200, malformedAnswer);
        }
        String body = lists.values().stream()
                .map(FakeAllowlistSource::toJson)
                .collect(Collectors.joining(",", "[", "]"));
        return json(200, body);
    }

    private static String toJson(Map<String, Object> list) {
        @SuppressWarnings("unchecked")
        List<String> cidrs = (List<String>) list.get("cidrs");
        return "{\"organisationId\":\"" + list.get("organisationId") + "\",\"cidrs\":["
                + cidrs.stream().map(cidr -> "\"" + cidr + "\"").collect(Collectors.joining(",")) + "],\"version\":"
                + list.get("version") + ",\"updatedAt\":\"" + list.get("updatedAt") + "\"}";
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        identity.close();
        enterprise.close();
    }
}
