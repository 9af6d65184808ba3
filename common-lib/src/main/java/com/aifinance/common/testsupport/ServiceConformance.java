package com.aifinance.common.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every servlet service of the platform promises, checked over real HTTP against real PostgreSQL and Redis:
 * health probes, Prometheus metrics with the common tags, an OpenAPI document, problem details for errors, access
 * tokens checked again (defence in depth), and a schema of its own migrated by its own Flyway. A service's test extends this and names its tables.
 */
public abstract class ServiceConformance {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Value("${spring.application.name}")
    String serviceName;

    @Value("${aifa.schema}")
    String schema;

    @Autowired
    JdbcClient jdbc;

    /** Tables of the service's own domain that its migrations create. */
    protected abstract List<String> domainTables();

    @Test
    void livenessIsUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health/liveness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void readinessIsUpAndCoversTheDatabaseAndRedis() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"redis\"");
    }

    @Test
    void prometheusMetricsCarryTheServiceAndInstanceTagsAndLatencyHistograms() throws Exception {
        get("/actuator/health/liveness");
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("service=\"" + serviceName + "\"")
                .contains("instance=\"")
                .contains("http_server_requests_seconds_bucket");
    }

    @Test
    void openApiDocumentIsPublished() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"openapi\"");
    }

    @Test
    void requestWithoutATokenIsAnsweredWithAnUnauthorizedProblemDetail() throws Exception {
        HttpResponse<String> response = get("/api/no-such-thing");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401").contains("problems/unauthorized");
    }

    @Test
    void requestWithAForgedTokenIsRefused() throws Exception {
        String token = TestJwts.subscriber("user-1", "pro");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        HttpResponse<String> response = get("/api/no-such-thing", forged);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).contains("invalid_token"));
    }

    @Test
    void unknownPathIsAnsweredWithAProblemDetail() throws Exception {
        HttpResponse<String> response = get("/api/no-such-thing", TestJwts.subscriber("user-1", "pro"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":404").contains("tag:aifinance.agency,2026:problems/not-found");
    }

    @Test
    void hostileQueryAndPathParametersNeverCauseServerErrorsOrLeaks() throws Exception {
        ApiProbes probes = new ApiProbes("http://127.0.0.1:" + port, ApiProbes.allPowerfulToken());
        assertThat(probes.probeEveryGetParameter()).isEmpty();
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void schemaIsMigratedByTheServicesOwnFlyway() {
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = ?")
                .param(schema).query(String.class).list();
        assertThat(tables).contains("flyway_schema_history").containsAll(domainTables());
        Long failed = jdbc.sql("select count(*) from " + schema + ".flyway_schema_history where not success")
                .query(Long.class).single();
        assertThat(failed).isZero();
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path, String accessToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + accessToken)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
