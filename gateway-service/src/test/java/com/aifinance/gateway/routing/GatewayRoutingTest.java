package com.aifinance.gateway.routing;

import java.time.Duration;
import java.util.UUID;

import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.gateway.DownServiceRoute;
import com.aifinance.gateway.GatewayTestSupport;
import mockwebserver3.RecordedRequest;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayRoutingTest extends GatewayTestSupport {

    private final String token = TestJwts.subscriber(UUID.randomUUID().toString(), "pro");

    @ParameterizedTest(name = "{0} reaches {1}")
    @CsvSource({
            "/api/billing/invoices, billing",
            "/api/subscriptions/plans, subscription",
            "/api/enterprise/organisations, enterprise",
            "/api/analytics/mrr, analytics",
            "/api/queues/streams, queue-monitor",
            "/api/monitoring/status, monitoring",
            "/v1/signals, institutional-api",
            "/oauth2/token, subscription",
            "/login, subscription",
            "/.well-known/openid-configuration, subscription",
            "/login/signup, subscription",
            "/login/oauth2/code/aifa?code=abc&state=xyz, dashboard-hub",
            "/oauth2/authorization/aifa, dashboard-hub",
            "/, dashboard-hub",
            "/dashboard/signals, dashboard-hub"})
    void eachPathReachesTheServiceThatOwnsIt(String path, String service) throws InterruptedException {
        gateway.get().uri(path).headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(service);

        RecordedRequest received = upstreams.received(service);
        assertThat(received).isNotNull();
        assertThat(received.getTarget()).isEqualTo(path);
    }

    @Test
    void pathOfAServiceThatIsDownIsA503ProblemWithinTheConnectTimeout() {
        long started = System.nanoTime();
        gateway.get().uri(DownServiceRoute.PATH).headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/service-unavailable")
                .jsonPath("$.instance").isEqualTo(DownServiceRoute.PATH);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void readinessDoesNotDependOnRedisBecauseTheRateLimiterFailsOpen() {
        management().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components.redis").doesNotExist();
    }

    @Test
    void redisHealthIsReportedInTheDependenciesGroup() {
        management().get().uri("/actuator/health/dependencies").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components.redis.status").isEqualTo("UP");
    }

    @Test
    void gatewayExportsPrometheusMetricsWithItsServiceTag() {
        management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("service=\"gateway-service\"")
                        .contains("resilience4j_circuitbreaker_state{")
                        .contains("gateway_rate_limit_decisions_total{")
                        .contains("gateway_jwks_refreshes_total{"));
    }

    @Test
    void gatewayPublishesAnOpenApiDocument() {
        gateway.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").exists();
    }

    @Autowired
    private UpstreamProblemHandler upstreamProblems;

    @Autowired
    private BulkheadRegistry bulkheads;

    @Test
    void aServiceWithTooManyRequestsInProgressIsA503ProblemWithRetryAfterNotA500() {
        assertThat(bulkheads.getDefaultConfig().getMaxConcurrentCalls()).isEqualTo(1000);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/signals"));
        BulkheadFullException full = BulkheadFullException.createBulkheadFullException(
                Bulkhead.of("institutional-api", BulkheadConfig.custom().maxConcurrentCalls(1).build()));

        upstreamProblems.handle(exchange, full).block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
                .contains("\"status\":503").contains("Service busy");
    }

    @Test
    void aConnectionTheServiceClosedMidRequestIsA502ProblemNotA500() throws Exception {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/billing/webhooks/stripe"));
        java.lang.reflect.Constructor<PrematureCloseException> closed =
                PrematureCloseException.class.getDeclaredConstructor(String.class);
        closed.setAccessible(true);

        upstreamProblems.handle(exchange, closed.newInstance("Connection has been closed BEFORE response"))
                .block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(502);
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).contains("Bad gateway");
    }
}
