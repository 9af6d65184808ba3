package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.production.yml rendered by Debian's docker-compose (`config` validates it against the Compose
 * schema and interpolates the environment; no Docker engine is needed), with the variables of
 * deploy/compose.env.example filled in.
 */
class ComposeConfigTest {

    @TempDir
    static Path secrets;

    private static Map<String, Object> services;
    private static Map<String, String> environment;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void render() throws IOException {
        Tools.require("docker-compose");
        for (String service : MetricsExportedCheck.DEFAULT_SERVICES.keySet()) {
            Files.writeString(secrets.resolve(service + ".env"), "");
        }
        environment = exampleEnvironment();
        var result = Tools.run(Tools.ROOT, List.of("docker-compose", "-f", "docker-compose.production.yml", "config"),
                environment, 60);
        assertThat(result.ok()).as(result.output()).isTrue();
        Map<String, Object> rendered = QueriedMetrics.yaml().load(result.output());
        services = (Map<String, Object>) rendered.get("services");
    }

    @Test
    void everyPlatformServiceRunsWithItsReplicasBehindNginxAndTwoGateways() {
        assertThat(services).containsKeys("nginx", "gateway-1", "gateway-2", "postgres", "pgbouncer", "redis",
                "prometheus", "alertmanager", "grafana");
        Map<String, Integer> replicas = Map.of("subscription-service", 2, "billing-service", 2, "enterprise-service", 1,
                "institutional-api-service", 2, "analytics-service", 1, "queue-monitor-service", 2,
                "monitoring-service", 1, "dashboard-hub-service", 2);
        replicas.forEach((service, count) -> assertThat(service(service).get("deploy"))
                .as(service).isEqualTo(Map.of("replicas", count)));
        assertThat(service("nginx").get("ports").toString()).contains("443").contains("80");
        for (String gateway : List.of("gateway-1", "gateway-2")) {
            assertThat(service(gateway).get("image").toString()).endsWith("/gateway-service:3f2c1ab");
        }
        // nothing but nginx is published beyond the host's loopback
        services.forEach((name, definition) -> {
            Object ports = ((Map<?, ?>) definition).get("ports");
            if (ports != null && !"nginx".equals(name)) {
                assertThat(ports.toString()).as(name).contains("127.0.0.1");
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceGetsItsOwnDatabaseUserAndTheSharedPlatformSettings() {
        Map<String, String> schemas = Map.of("subscription-service", "subscription", "billing-service", "billing",
                "enterprise-service", "enterprise", "institutional-api-service", "institutional_api",
                "analytics-service", "analytics", "queue-monitor-service", "queue_monitor",
                "monitoring-service", "monitoring", "dashboard-hub-service", "dashboard_hub");
        schemas.forEach((service, schema) -> {
            var env = (Map<String, Object>) service(service).get("environment");
            assertThat(env).as(service)
                    .containsEntry("DATABASE_USERNAME", schema)
                    .containsEntry("DATABASE_PASSWORD", environment.get(schema.toUpperCase() + "_DB_PASSWORD"))
                    .containsEntry("DATABASE_JDBC_URL", "jdbc:postgresql://pgbouncer:6432/aifa?prepareThreshold=0")
                    .containsEntry("REDIS_URL", "redis://:" + environment.get("REDIS_PASSWORD") + "@redis:6379")
                    .containsEntry("AIFA_ISSUER", "https://app.aifinance.agency")
                    .containsEntry("SUBSCRIPTION_SERVICE_URL", "http://subscription-service:5008")
                    .containsKey("SERVER_PORT");
            assertThat(service(service)).containsEntry("read_only", true);
        });
        var gatewayEnv = (Map<String, Object>) service("gateway-1").get("environment");
        assertThat(gatewayEnv).containsEntry("BILLING_SERVICE_URL", "http://billing-service:5007")
                .containsEntry("DASHBOARD_HUB_SERVICE_URL", "http://dashboard-hub-service:7777")
                .doesNotContainKey("DATABASE_PASSWORD");
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgres17PgbouncerRedisAndGrafanaAreConfiguredAsThePlatformNeeds() throws IOException {
        assertThat(service("postgres").get("image").toString()).startsWith("postgres:17");
        assertThat(service("postgres").get("volumes").toString()).contains("/docker-entrypoint-initdb.d");
        assertThat(service("redis").get("image").toString()).startsWith("redis:7");
        var grafanaEnv = (Map<String, Object>) service("grafana").get("environment");
        assertThat(grafanaEnv).containsEntry("GF_SECURITY_ADMIN_PASSWORD", environment.get("GRAFANA_ADMIN_PASSWORD"));

        String redis = Files.readString(Tools.ROOT.resolve("deploy/redis/redis.conf"));
        assertThat(redis).containsPattern("(?m)^appendonly yes$").containsPattern("(?m)^maxmemory-policy noeviction$");
        String pgbouncer = Files.readString(Tools.ROOT.resolve("deploy/pgbouncer/pgbouncer.ini"));
        assertThat(pgbouncer).containsPattern("(?m)^max_db_connections = 100$")
                .containsPattern("(?m)^pool_mode = transaction$");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableWhoseDefaultPointsAtLocalhostIsSetForEveryServiceThatReadsIt() {
        var local = LocalDefaults.byService(Tools.ROOT, MetricsExportedCheck.DEFAULT_SERVICES.keySet());
        assertThat(local.get("gateway-service")).contains("SUBSCRIPTION_SERVICE_URL", "REDIS_URL", "AIFA_ISSUER");
        local.forEach((service, variables) -> {
            var env = (Map<String, Object>) service("gateway-service".equals(service) ? "gateway-1" : service).get("environment");
            assertThat(env.keySet()).as(service + " reads these with a localhost default").containsAll(variables);
            env.forEach((name, value) -> assertThat(String.valueOf(value)).as(service + " " + name)
                    .doesNotContain("localhost").doesNotContain("127.0.0.1"));
        });
    }

    @Test
    void theFileRefusesToRenderWithoutARequiredSecret() {
        Map<String, String> withoutRedis = new HashMap<>(environment);
        withoutRedis.put("REDIS_PASSWORD", "");
        var result = Tools.run(Tools.ROOT, List.of("docker-compose", "-f", "docker-compose.production.yml", "config"),
                withoutRedis, 60);
        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("set REDIS_PASSWORD");
    }

    /** deploy/compose.env.example with every empty value filled, as an operator would. */
    private static Map<String, String> exampleEnvironment() throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(Tools.ROOT.resolve("deploy/compose.env.example"))) {
            if (line.isBlank() || line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            String name = line.substring(0, line.indexOf('='));
            String value = line.substring(line.indexOf('=') + 1);
            values.put(name, value.isEmpty() ? "pw" + Integer.toHexString(name.hashCode()) : value);
        }
        values.put("AIFA_VERSION", "3f2c1ab");
        values.put("AIFA_SECRETS_DIR", secrets.toString());
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }
}
