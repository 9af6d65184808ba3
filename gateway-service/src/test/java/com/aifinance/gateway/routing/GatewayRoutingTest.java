package com.aifinance.gateway.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.aifinance.common.testsupport.IntegrationTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "10s")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRoutingTest {

    /** A stand-in for each service, answering with its own name so a test sees who received the request. */
    private static final Map<String, MockWebServer> services = new LinkedHashMap<>();

    @Autowired
    WebTestClient gateway;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        for (String service : new String[] {"subscription", "billing", "enterprise", "analytics", "monitoring",
                "queue-monitor", "institutional-api", "dashboard-hub"}) {
            MockWebServer server = new MockWebServer();
            server.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
                            .body(service).build();
                }
            });
            server.start();
            services.put(service, server);
            registry.add("aifa.services." + service, () -> "http://127.0.0.1:" + server.getPort());
        }
    }

    @AfterAll
    static void stopServices() {
        services.values().forEach(server -> server.close());
    }

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
            "/, dashboard-hub",
            "/dashboard/signals, dashboard-hub"})
    void eachPathReachesTheServiceThatOwnsIt(String path, String service) throws InterruptedException {
        gateway.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(service);

        RecordedRequest received = services.get(service).takeRequest(5, TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        assertThat(received.getTarget()).isEqualTo(path);
    }

    @Test
    @Order(Integer.MAX_VALUE) // it stops billing's stand-in for good
    void pathOfAServiceThatIsDownIsA503ProblemWithinTheConnectTimeout() {
        services.get("billing").close();
        try {
            long started = System.nanoTime();
            gateway.get().uri("/api/billing/invoices").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(503)
                    .jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/service-unavailable")
                    .jsonPath("$.instance").isEqualTo("/api/billing/invoices");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            services.remove("billing");
        }
    }

    @Test
    void gatewayReadinessCoversRedis() {
        gateway.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components.redis.status").isEqualTo("UP");
    }

    @Test
    void gatewayExportsPrometheusMetricsWithItsServiceTag() {
        gateway.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("service=\"gateway-service\""));
    }

    @Test
    void gatewayPublishesAnOpenApiDocument() {
        gateway.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").exists();
    }
}
