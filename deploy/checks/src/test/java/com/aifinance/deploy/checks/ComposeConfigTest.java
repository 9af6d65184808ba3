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
 * schema and interpolates the environment; no Docker engine is needed), with deploy/compose.env.example filled in as
 * an operator would (real keys from openssl) and passed as the `.env` file.
 */
class ComposeConfigTest {

    @TempDir
    static Path secrets;

    private static Map<String, Object> services;
    private static Map<String, String> environment;

    @BeforeAll
    static void render() throws IOException {
        Tools.require("docker-compose");
        Tools.require("openssl");
        for (String service : MetricsExportedCheck.DEFAULT_SERVICES.keySet()) {
            Files.writeString(secrets.resolve(service + ".env"), "");
        }
        environment = exampleEnvironment();
        var result = render(environment);
        assertThat(result.ok()).as(result.output()).isTrue();
        services = servicesOf(result);
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
    void theGatewaysActuatorIsOnItsManagementPortWhichOnlyTheBackendReaches() throws IOException {
        for (String gateway : List.of("gateway-1", "gateway-2")) {
            var env = (Map<String, Object>) service(gateway).get("environment");
            assertThat(env).as(gateway).containsEntry("SERVER_PORT", "8080").containsEntry("MANAGEMENT_SERVER_PORT", "8081");
            assertThat(service(gateway)).as(gateway).doesNotContainKey("ports");
            assertThat(service(gateway).get("healthcheck").toString()).contains("/usr/local/bin/healthcheck");
        }
        var monitoring = (Map<String, Object>) service("monitoring-service").get("environment");
        assertThat(monitoring).containsEntry("GATEWAY_SERVICE_URL", "http://gateway-1:8081")
                .containsEntry("GATEWAY_URL", "http://gateway-1:8080");
        String nginx = Files.readString(Tools.ROOT.resolve("deploy/nginx/nginx.conf"));
        assertThat(nginx).contains("server gateway-1:8080").contains("server gateway-2:8080").doesNotContain(":8081");
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
        var result = render(withoutRedis);
        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("set REDIS_PASSWORD");
    }

    @Test
    void everySecretOfProductionSettingsIsRequiredAndReachesOnlyItsService() {
        var required = ProductionSettings.all().stream()
                .filter(setting -> setting.kind() == ProductionSettings.Kind.SECRET).toList();
        assertThat(required).isNotEmpty();
        for (var setting : required) {
            String value = environment.get(setting.variable());
            assertThat(value).as(setting.variable() + " is in deploy/compose.env.example").isNotBlank();
            assertThat(environmentOf(setting.service())).as(setting.service())
                    .containsEntry(setting.variable(), value);
            assertThat(holdersOf(value)).as("who receives " + setting.variable()).containsOnly(setting.service());

            Map<String, String> without = new HashMap<>(environment);
            without.remove(setting.variable());
            var result = render(without);
            assertThat(result.ok()).as("renders without " + setting.variable()).isFalse();
            assertThat(result.output()).contains("set " + setting.variable());
        }
    }

    @Test
    void eachPlatformClientsSecretIsRequiredAndSharedByExactlySubscriptionServiceAndThatClient() {
        for (var client : ProductionSettings.platformClients()) {
            String variable = client.registryVariable();
            String secret = environment.get(variable);
            assertThat(secret).as(variable + " is in deploy/compose.env.example").isNotBlank();
            assertThat(environmentOf("subscription-service")).containsEntry(variable, secret);
            assertThat(environmentOf(client.holder())).as(client.holder())
                    .containsEntry(client.holderVariable(), secret);
            if ("AIFA_CLIENT_SECRET".equals(client.holderVariable())) {
                assertThat(environmentOf(client.holder())).containsEntry("AIFA_CLIENT_ID", client.clientId());
            }
            assertThat(holdersOf(secret)).as("who receives " + variable)
                    .containsOnly("subscription-service", client.holder());

            Map<String, String> without = new HashMap<>(environment);
            without.remove(variable);
            var result = render(without);
            assertThat(result.ok()).as("renders without " + variable).isFalse();
            assertThat(result.output()).contains("set " + variable);
        }
        // both gateways are the one gateway-service client
        assertThat(environmentOf("gateway-2")).containsEntry("AIFA_CLIENT_SECRET",
                environment.get("AIFA_CLIENT_SECRET_GATEWAY_SERVICE"));
    }

    @Test
    void settingsHaveTheirProductionValues() {
        for (var setting : ProductionSettings.all()) {
            if (setting.kind() == ProductionSettings.Kind.SETTING) {
                assertThat(environmentOf(setting.service())).as(setting.service())
                        .containsEntry(setting.variable(), setting.value());
            }
        }
    }

    @Test
    void optionalSecretsAreWiredFromDotEnvAndMayBeLeftOut() {
        var optional = ProductionSettings.all().stream()
                .filter(setting -> setting.kind() == ProductionSettings.Kind.OPTIONAL).toList();
        assertThat(optional).extracting(ProductionSettings.Setting::variable)
                .contains("AIFA_GOOGLE_CLIENT_ID", "AIFA_LINKEDIN_CLIENT_SECRET", "AIFA_PROBE_CLIENT_SECRET");
        // left out (commented in the example): present and empty, so the feature is off
        for (var setting : optional) {
            assertThat(environmentOf(setting.service())).as(setting.service()).containsEntry(setting.variable(), "");
        }
        Map<String, String> withOptional = new HashMap<>(environment);
        optional.forEach(setting -> withOptional.put(setting.variable(), "set-" + setting.variable().toLowerCase()));
        var result = render(withOptional);
        assertThat(result.ok()).as(result.output()).isTrue();
        var rendered = servicesOf(result);
        for (var setting : optional) {
            assertThat(environmentOf(rendered, setting.service()))
                    .containsEntry(setting.variable(), "set-" + setting.variable().toLowerCase());
        }
    }

    @Test
    void vendorCredentialsReachTheirServiceFromItsSecretsFileUnshadowedByTheEnvironment(@TempDir Path filled)
            throws IOException {
        Map<String, StringBuilder> files = new HashMap<>();
        for (String service : MetricsExportedCheck.DEFAULT_SERVICES.keySet()) {
            files.put(service, new StringBuilder());
        }
        var fromFiles = ProductionSettings.all().stream().filter(setting -> setting.kind() == ProductionSettings.Kind.APP
                || setting.kind() == ProductionSettings.Kind.ROTATION).toList();
        assertThat(fromFiles).isNotEmpty();
        fromFiles.forEach(setting -> files.get(setting.service()).append(setting.variable()).append("=from-file-")
                .append(setting.variable().toLowerCase()).append('\n'));
        for (var file : files.entrySet()) {
            Files.writeString(filled.resolve(file.getKey() + ".env"), file.getValue());
        }
        Map<String, String> values = new HashMap<>(environment);
        values.put("AIFA_SECRETS_DIR", filled.toString());
        var result = render(values);
        assertThat(result.ok()).as(result.output()).isTrue();
        var rendered = servicesOf(result);
        // an `environment:` entry for one of these would win over the file (with an empty value, silently)
        for (var setting : fromFiles) {
            assertThat(environmentOf(rendered, setting.service())).as(setting.service())
                    .containsEntry(setting.variable(), "from-file-" + setting.variable().toLowerCase());
        }
    }

    @Test
    void theKeysReachTheServicesIntactFromOneLineOfDotEnv() throws Exception {
        String pem = String.valueOf(environmentOf("subscription-service").get("AIFA_SIGNING_KEY"));
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----").doesNotContain("\n");
        // what subscription-service does with it (SigningKeys.Pem): drop the armour and the whitespace, PKCS#8 DER
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        var key = (java.security.interfaces.RSAPrivateCrtKey) java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(body)));
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        for (String[] aes : new String[][] {{"subscription-service", "AIFA_ENCRYPTION_KEY"},
                {"enterprise-service", "AIFA_ENTERPRISE_SECRET_KEY"},
                {"institutional-api-service", "AIFA_WEBHOOK_ENCRYPTION_KEY"}}) {
            String encoded = String.valueOf(environmentOf(aes[0]).get(aes[1]));
            assertThat(java.util.Base64.getDecoder().decode(encoded.strip())).as(aes[1]).hasSize(32);
        }
    }

    /** deploy/compose.env.example with every empty value filled, as an operator would (keys from openssl). */
    private static Map<String, String> exampleEnvironment() throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(Tools.ROOT.resolve("deploy/compose.env.example"))) {
            if (line.isBlank() || line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            String name = line.substring(0, line.indexOf('='));
            String value = line.substring(line.indexOf('=') + 1);
            values.put(name, value.isEmpty() ? generated(name) : value);
        }
        values.put("AIFA_VERSION", "3f2c1ab");
        values.put("AIFA_SECRETS_DIR", secrets.toString());
        return values;
    }

    /** A value as deploy/compose.env.example says to make it. */
    private static String generated(String name) {
        if ("AIFA_SIGNING_KEY".equals(name)) {
            return openssl("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | tr -d '\\n'");
        }
        if (name.endsWith("_KEY")) {
            return openssl("openssl rand -base64 32").strip();
        }
        return "pw" + Integer.toHexString(name.hashCode());
    }

    private static String openssl(String pipeline) {
        var result = Tools.run(Tools.ROOT, List.of("bash", "-o", "pipefail", "-c", pipeline), Map.of(), 60);
        assertThat(result.ok()).as(result.output()).isTrue();
        return result.output();
    }

    /** `docker-compose config` with {@code values} as the .env file. */
    private static Tools.Result render(Map<String, String> values) {
        try {
            Path file = Files.createTempFile(secrets, "compose", ".env");
            StringBuilder text = new StringBuilder();
            values.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
            Files.writeString(file, text);
            return Tools.run(Tools.ROOT, List.of("docker-compose", "--env-file", file.toString(), "-f",
                    "docker-compose.production.yml", "config"), Map.of(), 60);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> servicesOf(Tools.Result result) {
        Map<String, Object> rendered = QueriedMetrics.yaml().load(result.output());
        return (Map<String, Object>) rendered.get("services");
    }

    /** The environment of a platform service (the gateway's first replica for gateway-service). */
    private static Map<String, Object> environmentOf(String service) {
        return environmentOf(services, service);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environmentOf(Map<String, Object> rendered, String service) {
        String name = "gateway-service".equals(service) ? "gateway-1" : service;
        assertThat(rendered).containsKey(name);
        var env = (Map<String, Object>) ((Map<String, Object>) rendered.get(name)).get("environment");
        return env == null ? Map.of() : env;
    }

    /** The platform services (gateway replicas counted as gateway-service) given {@code value} in any variable. */
    private static java.util.Set<String> holdersOf(String value) {
        java.util.Set<String> holders = new java.util.TreeSet<>();
        services.forEach((name, definition) -> {
            environmentOf(services, name).values().stream().map(String::valueOf)
                    .filter(value::equals).findAny()
                    .ifPresent(found -> holders.add(name.startsWith("gateway-") ? "gateway-service" : name));
        });
        return holders;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }
}
