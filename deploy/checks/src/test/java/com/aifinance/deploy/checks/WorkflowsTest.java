package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .github/workflows against the GitHub Actions workflow schema (SchemaStore's, bundled by the action-validator npm
 * package that deploy/ci-tools.sh installs: offline), then what each workflow must do.
 */
class WorkflowsTest {

    private static final Path WORKFLOWS = Tools.ROOT.resolve(".github/workflows");
    private static final Path VALIDATOR = Tools.ROOT.resolve("deploy/checks/node_modules/.bin/action-validator");

    @Test
    void everyWorkflowMatchesTheGitHubActionsSchema() throws IOException {
        List<Path> workflows;
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            workflows = files.filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
        assertThat(workflows).extracting(file -> file.getFileName().toString()).contains("ci.yml", "deliver.yml");
        for (Path workflow : workflows) {
            var result = validate(workflow);
            assertThat(result.ok()).as(workflow + "\n" + result.output()).isTrue();
        }
    }

    @Test
    void theValidatorRejectsAWorkflowThatBreaksTheSchema(@TempDir Path directory) throws IOException {
        Path broken = directory.resolve("broken.yml");
        Files.writeString(broken, """
                name: broken
                on: [push]
                jobs:
                  test:
                    runs_on: ubuntu-24.04
                    steps:
                      - run: ./mvnw verify
                """);
        var result = validate(broken);
        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("runs_on");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pullRequestsAndPushesRunTheTestsTheSecurityScanAndADependencyCheck() throws IOException {
        Map<String, Object> ci = load("ci.yml");
        // YAML 1.1 reads the key `on` as the boolean true
        var triggers = (Map<String, Object>) (ci.containsKey("on") ? ci.get("on") : ((Map<Object, Object>) (Map<?, ?>) ci).get(Boolean.TRUE));
        assertThat(triggers).containsKeys("pull_request", "push", "workflow_call");
        var jobs = (Map<String, Object>) ci.get("jobs");
        assertThat(jobs).containsKeys("test", "security-scan", "dependency-review", "dependency-check");
        String text = Files.readString(WORKFLOWS.resolve("ci.yml"));
        assertThat(text).contains("run: ./mvnw verify").contains("deploy/ci-tools.sh")
                .contains("findsecbugs-plugin").contains("spotbugs-maven-plugin").contains("dependency-review-action")
                .contains("dependency-check-maven");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mainIsBuiltIntoEcrAndDeployedThroughCodeDeployAfterAManualApproval() throws IOException {
        Map<String, Object> deliver = load("deliver.yml");
        var jobs = (Map<String, Object>) deliver.get("jobs");
        assertThat(jobs).containsKeys("ci", "jars", "images", "production");
        var production = (Map<String, Object>) jobs.get("production");
        assertThat(((Map<String, Object>) production.get("environment")).get("name")).isEqualTo("production");
        String text = Files.readString(WORKFLOWS.resolve("deliver.yml"));
        assertThat(text).contains("branches: [main]").contains("amazon-ecr-login").contains("deploy/docker/Dockerfile")
                .contains("codedeploy-appspec: deploy/aws/appspec.yaml").contains("codedeploy-deployment-group: aifa-gateway")
                .contains("cdk@").contains("id-token: write");
        // the matrix builds an image for every service, on the port it serves (the gateway serves 8080; only its
        // actuator, which the metrics check scrapes, is on its management port 8081)
        for (String service : MetricsExportedCheck.DEFAULT_SERVICES.keySet()) {
            int port = "gateway-service".equals(service) ? 8080 : MetricsExportedCheck.DEFAULT_SERVICES.get(service);
            assertThat(text).contains("service: " + service + ", port: " + port);
        }
    }

    private static Map<String, Object> load(String name) throws IOException {
        return QueriedMetrics.yaml().load(Files.readString(WORKFLOWS.resolve(name)));
    }

    private static Tools.Result validate(Path workflow) {
        if (!Files.isExecutable(VALIDATOR)) {
            fail("the workflow validator is not installed: run deploy/ci-tools.sh (npm ci in deploy/checks)");
        }
        Tools.require("node");
        return Tools.run(Tools.ROOT, List.of(VALIDATOR.toString(), workflow.toString()));
    }
}
