package com.aifinance.gateway.hardening;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.gateway.GatewayTestSupport;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** Security headers, CORS, request hygiene, body limits, timeouts and circuit breakers at the gateway. */
class EdgeProtectionTest extends GatewayTestSupport {

    @Autowired
    CircuitBreakerRegistry breakers;

    private final String token = TestJwts.subscriber(UUID.randomUUID().toString(), "pro");

    @Test
    void everyResponseCarriesTheSecurityHeadersProxiedPagesAndTheGatewaysOwnErrors() {
        assertSecurityHeaders(gateway.get().uri("/dashboard").exchange().expectStatus().isOk());
        assertSecurityHeaders(gateway.get().uri("/api/analytics/mrr").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk());
        assertSecurityHeaders(gateway.get().uri("/api/analytics/mrr").exchange().expectStatus().isUnauthorized());
    }

    @Test
    void servicesCannotWeakenTheSecurityHeadersButMayBringTheirOwnContentSecurityPolicy() {
        upstreams.respondWith("dashboard-hub", request -> new MockResponse.Builder().code(200)
                .addHeader("X-Frame-Options", "ALLOWALL")
                .addHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-abc'")
                .body("page").build());

        gateway.get().uri("/dashboard").exchange()
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Content-Security-Policy",
                        "default-src 'self'; script-src 'self' 'nonce-abc'");
    }

    @Test
    void theDashboardOriginMayCallTheApiFromABrowserAndItsPreflightNeedsNoToken() {
        gateway.options().uri("/api/analytics/mrr")
                .header("Origin", "https://app.example.test")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://app.example.test")
                .expectHeader().valueEquals("Access-Control-Allow-Credentials", "true");

        gateway.get().uri("/api/analytics/mrr").header("Origin", "https://app.example.test")
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://app.example.test")
                .expectHeader().value("Access-Control-Expose-Headers", exposed ->
                        assertThat(exposed).contains("X-RateLimit-Remaining"));
    }

    @Test
    void otherOriginsAreRefusedWithAForbiddenProblem() {
        gateway.options().uri("/api/analytics/mrr")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                .expectBody().jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/forbidden");
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedWith413BeforeReachingTheService() {
        int before = upstreams.requestCount("billing");

        gateway.post().uri("/api/billing/invoices").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("x".repeat(65 * 1024)).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/payload-too-large");

        assertThat(upstreams.requestCount("billing")).isEqualTo(before);
    }

    @Test
    void aStreamedBodyIsCutOffWith413OnceItPassesTheLimit() {
        Flux<DataBuffer> body = Flux.range(0, 8).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap(new byte[16 * 1024])); // 128 KB without a Content-Length: sent chunked

        gateway.post().uri("/api/billing/invoices").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(body, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/payload-too-large");
    }

    @Test
    void aBodyUnderTheLimitIsForwarded() throws InterruptedException {
        gateway.post().uri("/api/billing/webhooks/stripe").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"id\":\"evt_1\"}").exchange()
                .expectStatus().isOk();
        assertThat(upstreams.received("billing").getBody().utf8()).isEqualTo("{\"id\":\"evt_1\"}");
    }

    @Test
    void pathsAServiceCouldReadDifferentlyAreRefusedWith400() throws Exception {
        int billing = upstreams.requestCount("billing");
        int subscription = upstreams.requestCount("subscription");
        for (String path : new String[] {"/api/subscriptions/plans/../../billing/invoices",
                "/api/subscriptions/plans/%2e%2e/mine", "/api/subscriptions/plans%2F..%2Fmine",
                "/api/subscriptions/plans;jsessionid=1/x", "/api/subscriptions/plans/%252e%252e/mine"}) {
            var response = rawGet(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).contains("problems/malformed-request");
        }
        assertThat(upstreams.requestCount("billing")).isEqualTo(billing);
        assertThat(upstreams.requestCount("subscription")).isEqualTo(subscription);
    }

    @Test
    void aServiceSlowerThanItsRoutesTimeoutIsA504Problem() {
        upstreams.respondWith("monitoring", request -> new MockResponse.Builder().code(200)
                .headersDelay(4, TimeUnit.SECONDS).body("late").build());

        gateway.get().uri("/api/monitoring/incidents").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(504)
                .expectBody()
                .jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/upstream-timeout");
    }

    @Test
    void aFailingServiceOpensItsCircuitBreakerAndIsThenAnsweredWith503WithoutBeingCalled() {
        upstreams.respondWith("enterprise", request -> new MockResponse.Builder().code(502).body("bad gateway").build());
        try {
            for (int i = 0; i < 10; i++) {
                gateway.get().uri("/api/enterprise/organisations").headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isEqualTo(503);
            }
            int before = upstreams.requestCount("enterprise");

            gateway.get().uri("/api/enterprise/organisations").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/service-unavailable");

            assertThat(upstreams.requestCount("enterprise")).isEqualTo(before);
            assertThat(breakers.circuitBreaker("enterprise").getState().name()).isEqualTo("OPEN");
            // the other services are unaffected
            gateway.get().uri("/api/analytics/mrr").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk();
        } finally {
            breakers.circuitBreaker("enterprise").reset();
        }
    }

    @Test
    void aServiceSheddingLoadWith503IsPassedThroughAndDoesNotOpenItsBreaker() {
        upstreams.respondWith("enterprise", request -> new MockResponse.Builder().code(503)
                .setHeader("Retry-After", "1").setHeader("Content-Type", "application/problem+json")
                .body("{\"title\":\"Service busy\",\"status\":503}").build());
        try {
            for (int i = 0; i < 30; i++) {
                gateway.get().uri("/api/enterprise/organisations").headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().valueEquals("Retry-After", "1");
            }
            int before = upstreams.requestCount("enterprise");
            gateway.get().uri("/api/enterprise/organisations").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.title").isEqualTo("Service busy");
            assertThat(upstreams.requestCount("enterprise")).isEqualTo(before + 1);
            assertThat(breakers.circuitBreaker("enterprise").getState().name()).isEqualTo("CLOSED");
        } finally {
            breakers.circuitBreaker("enterprise").reset();
        }
    }

    @Test
    void aPreflightForAMethodThatIsNotAllowedIsRefused() {
        gateway.method(HttpMethod.OPTIONS).uri("/api/analytics/mrr")
                .header("Origin", "https://app.example.test")
                .header("Access-Control-Request-Method", "TRACE")
                .exchange()
                .expectStatus().isForbidden();
    }

    private static void assertSecurityHeaders(WebTestClient.ResponseSpec response) {
        response.expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'"));
    }
}
