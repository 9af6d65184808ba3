package com.aifinance.deploy.aws;

import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.constructs.Construct;

/**
 * One ECR repository per service. A stack of its own because the pipeline pushes images before the platform stack
 * that runs them is deployed, and because images outlive any one platform deployment.
 */
public final class RegistryStack extends Stack {

    public static final String REPOSITORY_PREFIX = "aifa/";

    private final Map<String, Repository> repositories = new LinkedHashMap<>();

    public RegistryStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        for (PlatformService service : PlatformService.ALL) {
            repositories.put(service.name(), Repository.Builder.create(this, service.shortName() + "-repository")
                    .repositoryName(REPOSITORY_PREFIX + service.name())
                    // a tag names one build forever: a rollback redeploys exactly what ran before
                    .imageTagMutability(TagMutability.IMMUTABLE)
                    .imageScanOnPush(true)
                    .lifecycleRules(java.util.List.of(LifecycleRule.builder()
                            .description("keep the last 50 images, enough to roll back weeks")
                            .maxImageCount(50)
                            .build()))
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build());
        }
    }

    public Map<String, Repository> repositories() {
        return Map.copyOf(repositories);
    }
}
