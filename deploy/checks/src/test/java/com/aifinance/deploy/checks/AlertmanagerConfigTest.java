package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** deploy/alertmanager with amtool: the configuration, where each kind of alert goes, and no committed secret. */
class AlertmanagerConfigTest {

    private static final Path ALERTMANAGER = Tools.ROOT.resolve("deploy/alertmanager");

    @Test
    void amtoolAcceptsTheConfiguration() {
        var result = Tools.run(ALERTMANAGER, List.of("amtool", "check-config", "alertmanager.yml"));
        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @Test
    void pagesGoToSlackAndTheOnCallAddressAndBusinessAlertsToTheirTeams() throws IOException {
        assertThat(receiverFor("severity=page", "alertname=ServiceDown")).isEqualTo("ops-page");
        assertThat(receiverFor("severity=page", "alertname=ErrorBudgetBurnFast")).isEqualTo("ops-page");
        assertThat(receiverFor("severity=ticket", "alertname=ErrorBudgetBurnSlow")).isEqualTo("ops-tickets");
        assertThat(receiverFor("severity=warning", "team=business", "alertname=RevenueDown")).isEqualTo("business");
        assertThat(receiverFor("severity=warning", "team=signals", "alertname=SignalAccuracyLow")).isEqualTo("signals");
        assertThat(receiverFor("severity=warning", "alertname=OutboxBacklog")).isEqualTo("ops");

        String config = Files.readString(ALERTMANAGER.resolve("alertmanager.yml"));
        for (String receiver : List.of("ops-page", "business", "signals")) {
            String block = config.substring(config.indexOf("- name: " + receiver));
            block = block.substring(0, block.indexOf("\n  - name:", 1) > 0 ? block.indexOf("\n  - name:", 1) : block.length());
            assertThat(block).as(receiver).contains("slack_configs:").contains("email_configs:");
        }
    }

    @Test
    void noSecretIsWrittenInTheConfiguration() throws IOException {
        String config = Files.readString(ALERTMANAGER.resolve("alertmanager.yml"));
        assertThat(config).contains("slack_api_url_file:").contains("smtp_auth_password_file:")
                .doesNotContain("hooks.slack.com").doesNotContainPattern("(?m)^\\s*(api_url|smtp_auth_password|auth_password):");
    }

    private static String receiverFor(String... labels) {
        var command = Tools.command("amtool", "config", "routes", "test", "--config.file=alertmanager.yml");
        command.addAll(List.of(labels));
        var result = Tools.run(ALERTMANAGER, command);
        assertThat(result.ok()).as(result.output()).isTrue();
        return result.output().lines().filter(line -> !line.startsWith("Warning")).reduce((a, b) -> b).orElse("").strip();
    }
}
