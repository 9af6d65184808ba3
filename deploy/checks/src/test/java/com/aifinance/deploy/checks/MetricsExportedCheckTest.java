package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The check that runs against a live platform, here against stand-in services that serve real exposition text. */
class MetricsExportedCheckTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsMetricNamesFromPrometheusTextExposition() {
        assertThat(MetricsExportedCheck.exposedNames("""
                # HELP http_server_requests_seconds
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{le="0.1",service="billing-service"} 3
                http_server_requests_seconds_count{service="billing-service"} 3
                process_cpu_usage 0.02
                """)).containsExactly("http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
                "process_cpu_usage");
    }

    @Test
    void reportsEveryQueriedMetricThatNoServiceExportsAndFails() throws IOException {
        // a platform exporting only the HTTP and JVM metrics: the business metrics are missing
        String exposition = """
                http_server_requests_seconds_count{service="gateway-service",status="200"} 10
                http_server_requests_seconds_bucket{service="gateway-service",le="+Inf"} 10
                jvm_memory_used_bytes{area="heap"} 1
                aifa_events_outbox_pending{service="billing-service"} 0
                """;
        var output = new ByteArrayOutputStream();
        int status = new MetricsExportedCheck(Tools.ROOT, serve(exposition), false)
                .run(new PrintStream(output, true, StandardCharsets.UTF_8));
        String report = output.toString(StandardCharsets.UTF_8);
        assertThat(status).isOne();
        assertThat(report).contains("MISSING").contains("churn_rate_percentage")
                .contains("queried by deploy/prometheus/rules/business.yml alert HighChurnRate")
                .contains("NOT YET SEEN").contains("aifa_events_dead_lettered_total")
                .contains("appears after its first event: registered when an event is first moved")
                .containsPattern("metrics-exported: \\d+ passed, \\d+ failed");
        assertThat(report.substring(report.indexOf("MISSING"))).doesNotContain("aifa_events_outbox_pending\n");
    }

    @Test
    void passesWhenEveryQueriedMetricIsExportedAndOnlyEventMetricsAreNotYetSeen() throws IOException {
        StringBuilder exposition = new StringBuilder();
        var explained = MetricsExportedCheck.afterFirstEvent(Tools.ROOT);
        for (String metric : QueriedMetrics.of(Tools.ROOT).exportedMetricsNeeded().keySet()) {
            if (!explained.containsKey(metric)) {
                exposition.append(metric).append("{service=\"x\"} 1\n");
            }
        }
        var output = new ByteArrayOutputStream();
        var check = new MetricsExportedCheck(Tools.ROOT, serve(exposition.toString()), false);
        assertThat(check.run(new PrintStream(output, true, StandardCharsets.UTF_8))).as(output.toString()).isZero();
        var strict = new MetricsExportedCheck(Tools.ROOT, serve(exposition.toString()), true);
        assertThat(strict.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isOne();
    }

    @Test
    void aServiceThatCannotBeScrapedIsReportedWithItsOwnStatus() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var output = new ByteArrayOutputStream();
        int status = new MetricsExportedCheck(Tools.ROOT,
                Map.of("billing-service", URI.create("http://127.0.0.1:" + closed + "/actuator/prometheus")), false)
                .run(new PrintStream(output, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("UNREACHABLE").contains("billing-service");
    }

    private Map<String, URI> serve(String exposition) throws IOException {
        if (server != null) {
            server.stop(0);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            byte[] body = exposition.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Map<String, URI> endpoints = new LinkedHashMap<>();
        endpoints.put("gateway-service", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/prometheus"));
        return endpoints;
    }
}
