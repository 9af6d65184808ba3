package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** deploy/grafana: provisioned datasource and dashboards, and that every dashboard query is valid PromQL. */
class DashboardsTest {

    private static final Path GRAFANA = Tools.ROOT.resolve("deploy/grafana");

    @Test
    void theFourDashboardsAreProvisionedWithUniqueIdsAgainstTheProvisionedDatasource() throws IOException {
        Map<String, Object> datasources = QueriedMetrics.yaml().load(
                Files.readString(GRAFANA.resolve("provisioning/datasources/prometheus.yml")));
        assertThat(datasources.toString()).contains("uid=prometheus").contains("url=http://prometheus:9090");
        assertThat(Files.readString(GRAFANA.resolve("provisioning/dashboards/aifa.yml")))
                .contains("path: /var/lib/grafana/dashboards");

        Set<String> uids = new HashSet<>();
        for (String name : List.of("platform", "business", "signals", "queues")) {
            JsonNode dashboard = dashboard(name);
            assertThat(uids.add(dashboard.path("uid").asString())).as(name + " uid is unique").isTrue();
            assertThat(dashboard.path("panels").size()).as(name).isGreaterThanOrEqualTo(3);
            for (JsonNode panel : dashboard.path("panels")) {
                assertThat(panel.path("title").asString()).isNotBlank();
                assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("prometheus");
                assertThat(panel.path("targets").size()).as(panel.path("title").asString()).isPositive();
            }
        }
    }

    @Test
    void thePlatformDashboardShowsRateErrorsAndDurationPerService() {
        String platform = dashboard("platform").toString();
        assertThat(platform).contains("sum by (service) (rate(http_server_requests_seconds_count")
                .contains("status=~\\\"5..\\\"").contains("histogram_quantile(0.99");
        String business = dashboard("business").toString();
        assertThat(business).contains("revenue_total").contains("monthly_recurring_revenue")
                .contains("churn_rate_percentage").contains("customer_lifetime_value");
        assertThat(dashboard("signals").toString()).contains("signal_accuracy_percentage").contains("signals_published_total");
        assertThat(dashboard("queues").toString()).contains("aifa_events_outbox_pending").contains("aifa_events_dead_lettered_total");
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path directory) throws IOException {
        // promtool parses expressions in rule files: each query becomes a recording rule, Grafana's variables
        // replaced by what Grafana would send
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int index = 0;
        for (var query : QueriedMetrics.of(Tools.ROOT).queries()) {
            if (!query.source().contains("dashboards/")) {
                continue;
            }
            String expression = query.expression().replace("$__rate_interval", "5m").replace("$service", ".+");
            rules.append("      - record: dashboard_query_").append(index++).append("\n        expr: '")
                    .append(expression.replace("'", "''")).append("'\n");
        }
        assertThat(index).isGreaterThan(20);
        Path file = directory.resolve("dashboards.yml");
        Files.writeString(file, rules);
        var result = Tools.run(directory, List.of("promtool", "check", "rules", file.toString()));
        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @Test
    void everyMetricThatOnlyAppearsAfterItsFirstEventIsExplainedAndQueried() {
        var needed = QueriedMetrics.of(Tools.ROOT).exportedMetricsNeeded();
        var explained = MetricsExportedCheck.afterFirstEvent(Tools.ROOT);
        assertThat(explained).isNotEmpty();
        explained.forEach((metric, why) -> {
            assertThat(needed).as(metric + " is listed but nothing queries it").containsKey(metric);
            assertThat(why).as(metric).isNotBlank();
        });
    }

    private static JsonNode dashboard(String name) {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(GRAFANA.resolve("dashboards/" + name + ".json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
