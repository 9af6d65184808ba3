package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** deploy/prometheus with promtool: the configuration, every rule file, and the rules' unit tests. */
class PrometheusConfigTest {

    private static final Path PROMETHEUS = Tools.ROOT.resolve("deploy/prometheus");

    @Test
    void promtoolAcceptsTheConfigurationAndTheRuleFilesItLoads() {
        var result = Tools.run(PROMETHEUS, List.of("promtool", "check", "config", "prometheus.yml"));
        assertThat(result.ok()).as(result.output()).isTrue();
        for (Path file : QueriedMetrics.ruleFiles(Tools.ROOT)) {
            assertThat(result.output()).as("prometheus.yml loads " + file.getFileName())
                    .contains("Checking " + PROMETHEUS.relativize(file));
        }
        assertThat(result.output()).doesNotContain(".test.yml");
    }

    @Test
    void promtoolAcceptsEveryRuleFile() {
        List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
        QueriedMetrics.ruleFiles(Tools.ROOT).forEach(file -> command.add(PROMETHEUS.relativize(file).toString()));
        var result = Tools.run(PROMETHEUS, command);
        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @Test
    void everyRuleUnitTestPasses() throws IOException {
        List<Path> tests = new ArrayList<>();
        for (String folder : List.of("tests", "rules")) {
            try (Stream<Path> files = Files.list(PROMETHEUS.resolve(folder))) {
                files.filter(file -> file.getFileName().toString().endsWith(".test.yml")).sorted().forEach(tests::add);
            }
        }
        assertThat(tests).extracting(file -> file.getFileName().toString())
                .contains("platform.test.yml", "slo.test.yml", "business.test.yml");
        for (Path test : tests) {
            var result = Tools.run(test.getParent(), List.of("promtool", "test", "rules", test.getFileName().toString()));
            assertThat(result.ok()).as(test + "\n" + result.output()).isTrue();
        }
    }

    @Test
    void theSeedsAlertsAndTheOperationalOnesAreAllDefined() {
        var alerts = QueriedMetrics.of(Tools.ROOT).queries().stream()
                .map(QueriedMetrics.Query::source)
                .filter(source -> source.contains(" alert "))
                .map(source -> source.substring(source.indexOf(" alert ") + 7))
                .toList();
        assertThat(alerts).contains("HighChurnRate", "RevenueDown", "SignalAccuracyLow", "ServiceDown",
                "ServiceInstanceDown", "GatewayHighErrorRatio", "OutboxBacklog", "ErrorBudgetBurnFast",
                "ErrorBudgetBurnSlow");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceIsScrapedOnItsPrometheusEndpoint() throws IOException {
        Map<String, Object> config = QueriedMetrics.yaml().load(Files.readString(PROMETHEUS.resolve("prometheus.yml")));
        var jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        for (String service : MetricsExportedCheck.DEFAULT_SERVICES.keySet()) {
            int port = MetricsExportedCheck.DEFAULT_SERVICES.get(service);
            var job = jobs.stream().filter(candidate -> service.equals(candidate.get("job_name"))).findFirst();
            assertThat(job).as("a scrape job for " + service).isPresent();
            assertThat(job.get()).containsEntry("metrics_path", "/actuator/prometheus");
            assertThat(job.get().toString()).contains(String.valueOf(port));
        }
        // the gateway's public port serves no actuator: its replicas are scraped on the management port only
        var gateway = jobs.stream().filter(job -> "gateway-service".equals(job.get("job_name"))).findFirst().orElseThrow();
        assertThat(gateway.toString()).contains("gateway-1:8081", "gateway-2:8081").doesNotContain(":8080");
    }

    @Test
    void promtoolWouldCatchABrokenRule() throws IOException {
        Path broken = Files.createTempFile("broken", ".yml");
        Files.writeString(broken, """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: sum(rate(http_server_requests_seconds_count[5m]) > 
                """);
        var result = Tools.run(broken.getParent(), List.of("promtool", "check", "rules", broken.toString()));
        assertThat(result.ok()).isFalse();
        Files.delete(broken);
    }
}
