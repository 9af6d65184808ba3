package com.aifinance.deploy.aws;

import java.nio.file.Files;
import java.nio.file.Path;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: {@code cd deploy/aws && npx cdk deploy --all -c domainName=… -c hostedZoneId=… -c imageTag=…}
 * (cdk.json runs this class through Maven). Two stacks: the image registry, then the platform that runs the images.
 */
public final class AwsDeploymentApp {

    private AwsDeploymentApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        synthesize(app, DeploymentSettings.from(app.getNode()::tryGetContext), roleScript());
        app.synth();
    }

    /** Builds both stacks into {@code app}; tests call this with their own settings. */
    static Stacks synthesize(App app, DeploymentSettings settings, Path roleScript) {
        Environment environment = Environment.builder()
                .account(settings.account().isBlank() ? null : settings.account())
                .region(settings.region())
                .build();
        StackProps props = StackProps.builder()
                .env(environment)
                .description("AI Finance Agency platform (deploy/aws)")
                .build();
        RegistryStack registry = new RegistryStack(app, "aifa-registry", props);
        PlatformStack platform = new PlatformStack(app, "aifa-platform", props, settings, roleScript);
        platform.addDependency(registry, "images are pushed to the registry before the platform runs them");
        Tags.of(app).add("project", "ai-finance-agency");
        Tags.of(app).add("managed-by", "cdk");
        return new Stacks(registry, platform);
    }

    /** deploy/postgres/initdb/10-service-roles.sh, found from the repository root or from deploy/aws. */
    static Path roleScript() {
        for (Path candidate : new Path[] {
                Path.of("deploy/postgres/initdb/10-service-roles.sh"),
                Path.of("../postgres/initdb/10-service-roles.sh")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("run from the repository root or deploy/aws: "
                + "deploy/postgres/initdb/10-service-roles.sh not found");
    }

    record Stacks(RegistryStack registry, PlatformStack platform) {
    }
}
