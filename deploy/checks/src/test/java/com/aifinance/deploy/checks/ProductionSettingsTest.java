package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * deploy/production-settings.txt against the services' sources: every variable a service reads with an empty default
 * is accounted for, and every listed one is still read (a renamed variable would otherwise be set in vain). What the
 * deployments do with the list is checked by ComposeConfigTest and deploy/aws's PlatformStackTest.
 */
class ProductionSettingsTest {

    private static final Set<String> SERVICES = MetricsExportedCheck.DEFAULT_SERVICES.keySet();

    @Test
    void everyVariableAServiceReadsWithAnEmptyDefaultIsListedWithHowProductionProvidesIt() {
        Set<String> derived = ProductionSettings.platformClients().stream()
                .map(ProductionSettings.PlatformClient::holderVariable).collect(Collectors.toSet());
        for (String service : SERVICES) {
            Set<String> listed = ProductionSettings.of(service).stream()
                    .map(ProductionSettings.Setting::variable).collect(Collectors.toSet());
            Set<String> unlisted = new TreeSet<>(ProductionSettings.emptyDefaults(service));
            unlisted.removeIf(variable -> listed.contains(variable) || derived.contains(variable)
                    || variable.startsWith("DATABASE_"));
            assertThat(unlisted).as(service + " reads these with an empty default, but deploy/production-settings.txt "
                    + "does not say how production provides them").isEmpty();
        }
    }

    @Test
    void everyListedVariableIsStillReadByItsService() {
        for (ProductionSettings.Setting setting : ProductionSettings.all()) {
            assertThat(SERVICES).as("deploy/production-settings.txt names an unknown service").contains(setting.service());
            if (setting.variable().startsWith("SPRING_")) {
                // bound by Spring Boot itself (relaxed binding), not through a placeholder of the service
                continue;
            }
            assertThat(ProductionSettings.read(setting.service(), true))
                    .as(setting.service() + " no longer reads " + setting.variable()).contains(setting.variable());
        }
    }

    @Test
    void eachServiceAndVariableIsListedOnce() {
        var lines = ProductionSettings.all().stream().map(setting -> setting.service() + " " + setting.variable()).toList();
        assertThat(lines).doesNotHaveDuplicates();
    }

    @Test
    void everyPlatformClientIsHeldByAPlatformServiceThatReadsItsSecret() {
        var clients = ProductionSettings.platformClients();
        assertThat(clients).extracting(ProductionSettings.PlatformClient::clientId)
                .contains("dashboard-hub", "gateway-service", "billing-service", "enterprise-service",
                        "institutional-api-service", "analytics-service", "queue-monitor-service",
                        "monitoring-service", "dashboard-hub-service")
                .doesNotHaveDuplicates();
        for (var client : clients) {
            assertThat(SERVICES).as(client.clientId() + " is held by a service this deployment runs")
                    .contains(client.holder());
        }
        // the login client's secret is read where the checks expect it
        assertThat(ProductionSettings.read("dashboard-hub-service", false)).contains("AIFA_DASHBOARD_CLIENT_SECRET");
        // a service that reads AIFA_CLIENT_SECRET is one of the clients (else subscription-service would refuse it)
        for (String service : SERVICES) {
            if (ProductionSettings.read(service, false).contains("AIFA_CLIENT_SECRET")) {
                assertThat(clients).extracting(ProductionSettings.PlatformClient::clientId).contains(service);
            }
        }
    }
}
