package com.aifinance.gateway.hardening;

import java.net.http.HttpResponse;

import com.aifinance.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The actuator answers on the management port only; the public port neither serves nor routes actuator paths. */
class ManagementPortTest extends GatewayTestSupport {

    @ParameterizedTest(name = "{0} on the public port is a 404 problem")
    @ValueSource(strings = {
            "/actuator",
            "/actuator/",
            "/actuator/info",
            "/actuator/prometheus",
            "/actuator/health",
            "/actuator/health/readiness",
            "//actuator/prometheus",
            "///actuator//prometheus",
            "/%61ctuator/prometheus",
            "/%61%63%74%75%61%74%6f%72/info",
            "/ACTUATOR/prometheus",
            "/Actuator/info",
            "/actuator;jsessionid=1/prometheus"})
    void actuatorPathsOnThePublicPortAreRefusedAndNeverRouted(String rawPath) throws Exception {
        int dashboardRequests = upstreams.requestCount("dashboard-hub");

        HttpResponse<String> response = rawGet(rawPath);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":404")
                .doesNotContain("# HELP", "# TYPE", "jvm_", "_links", "\"UP\"", "gateway-service");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        // the dashboard route (/**) must not carry it to dashboard-hub's own actuator either
        assertThat(upstreams.requestCount("dashboard-hub")).isEqualTo(dashboardRequests);
    }

    @Test
    void pathsThatOnlyStartLikeTheActuatorAreRoutedAsUsual() throws Exception {
        int dashboardRequests = upstreams.requestCount("dashboard-hub");

        HttpResponse<String> response = rawGet("/actuators-guide");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("dashboard-hub");
        assertThat(upstreams.requestCount("dashboard-hub")).isEqualTo(dashboardRequests + 1);
    }

    @Test
    void healthAnswersOnTheManagementPort() {
        management().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusAndInfoAnswerOnTheManagementPort() {
        management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("# TYPE")
                        .contains("service=\"gateway-service\""));
        management().get().uri("/actuator/info").exchange()
                .expectStatus().isOk();
    }

    @ParameterizedTest(name = "{0} on the management port is a 404 problem")
    @ValueSource(strings = {"/dashboard/signals", "/", "/api/subscriptions/plans", "/v3/api-docs"})
    void theManagementPortRoutesNothing(String path) throws Exception {
        int dashboardRequests = upstreams.requestCount("dashboard-hub");
        int subscriptionRequests = upstreams.requestCount("subscription");

        HttpResponse<String> response = rawGet(managementPort, path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"status\":404");
        assertThat(upstreams.requestCount("dashboard-hub")).isEqualTo(dashboardRequests);
        assertThat(upstreams.requestCount("subscription")).isEqualTo(subscriptionRequests);
    }

    @Test
    void theManagementPortIsNotThePublicOne() {
        assertThat(managementPort).isPositive().isNotEqualTo(port);
    }
}
