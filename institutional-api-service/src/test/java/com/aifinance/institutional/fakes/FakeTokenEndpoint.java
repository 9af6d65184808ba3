package com.aifinance.institutional.fakes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * subscription-service's token endpoint as a platform service sees it: {@code POST /oauth2/token} with
 * {@code client_secret_basic} and {@code grant_type=client_credentials}, answered the way Spring Authorization Server
 * answers (RFC 6749 §5.1 and §5.2).
 */
public final class FakeTokenEndpoint extends Dispatcher {

    public static final String CLIENT_ID = "institutional-api-service";
    public static final String CLIENT_SECRET = "test-secret with spaces+symbols";

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger issued = new AtomicInteger();
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private volatile long lifetimeSeconds = 900;
    private volatile boolean down;

    FakeTokenEndpoint() {
        server.setDispatcher(this);
        try {
            server.start(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return server.url("/oauth2/token").toString();
    }

    /** How many tokens were issued so far. */
    public int issued() {
        return issued.get();
    }

    /** Whether a resource server would accept this token (issued here and not invalidated by a key rotation). */
    public boolean accepts(String token) {
        return valid.contains(token);
    }

    /** Like a signing-key rotation that dropped the old key: every token issued so far stops working. */
    public void rotateKeys() {
        valid.clear();
    }

    public void lifetimeSeconds(long seconds) {
        lifetimeSeconds = seconds;
    }

    public void down(boolean down) {
        this.down = down;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (down) {
            return new MockResponse.Builder().code(503).body("Service Unavailable").build();
        }
        if (!"POST".equals(request.getMethod()) || !"/oauth2/token".equals(request.getUrl().encodedPath())) {
            return new MockResponse.Builder().code(404).build();
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((form(CLIENT_ID) + ":" + form(CLIENT_SECRET))
                .getBytes(StandardCharsets.UTF_8));
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        if (!expected.equals(request.getHeaders().get("Authorization"))) {
            return json(401, "{\"error\":\"invalid_client\"}");
        }
        if (!body.contains("grant_type=client_credentials")) {
            return json(400, "{\"error\":\"unsupported_grant_type\"}");
        }
        String token = "eyJ.fake-service-token-" + issued.incrementAndGet();
        valid.add(token);
        return json(200, "{\"access_token\":\"" + token + "\",\"scope\":\"internal\",\"token_type\":\"Bearer\","
                + "\"expires_in\":" + lifetimeSeconds + "}");
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json;charset=UTF-8")
                .addHeader("Cache-Control", "no-store").body(body).build();
    }

    private static String form(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
