package com.aifinance.deploy.aws;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What differs between deployments of the CDK app, read from CDK context ({@code cdk deploy -c domainName=…}).
 *
 * @param domainName      the public name of the platform, e.g. {@code app.aifinance.agency}; also the token issuer
 * @param hostedZoneName  the Route53 public zone that holds it, e.g. {@code aifinance.agency}
 * @param hostedZoneId    that zone's id (given, not looked up, so synthesis needs no AWS account)
 * @param imageTag        the image tag the rolling services run (the commit the pipeline built)
 * @param gatewayInitialImageTag the gateway's image in its first task definition only: later gateway releases are
 *                        CodeDeploy blue/green deployments of new task definition revisions (CloudFormation cannot
 *                        update a service that CodeDeploy controls), so this stays at the first deployment's tag
 * @param alarmEmail      where CloudWatch alarms are sent
 */
public record DeploymentSettings(String account, String region, String domainName, String hostedZoneName,
                                 String hostedZoneId, String imageTag, String gatewayInitialImageTag,
                                 String alarmEmail) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("[a-z]{2,63}");
    private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public DeploymentSettings {
        Objects.requireNonNull(region, "region");
        require(isDnsName(domainName), "domainName must be a DNS name, not '" + domainName + "'");
        require(isDnsName(hostedZoneName), "hostedZoneName must be a DNS name");
        require(domainName.equals(hostedZoneName) || domainName.endsWith("." + hostedZoneName),
                "domainName " + domainName + " is not inside the zone " + hostedZoneName);
        require(hostedZoneId.matches("Z[A-Z0-9]{4,32}"), "hostedZoneId must look like Z0123456789ABC");
        require(IMAGE_TAG.matcher(imageTag).matches(), "imageTag is not a valid image tag: '" + imageTag + "'");
        require(IMAGE_TAG.matcher(gatewayInitialImageTag).matches(),
                "gatewayInitialImageTag is not a valid image tag: '" + gatewayInitialImageTag + "'");
        require(alarmEmail.matches("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}"), "alarmEmail must be an e-mail address");
        // CloudFront takes its certificate only from us-east-1; one certificate serves the ALB and CloudFront there.
        require("us-east-1".equals(region), "the platform stack deploys to us-east-1 (see docs/deployment.md)");
    }

    /** Reads the settings from a context lookup ({@code node.tryGetContext}), with defaults for a synth check. */
    public static DeploymentSettings from(Function<String, Object> context) {
        return new DeploymentSettings(
                string(context, "account", System.getenv().getOrDefault("CDK_DEFAULT_ACCOUNT", "")),
                string(context, "region", "us-east-1"),
                string(context, "domainName", "app.aifinance.agency"),
                string(context, "hostedZoneName", "aifinance.agency"),
                string(context, "hostedZoneId", "Z0000000000EXAMPLE"),
                string(context, "imageTag", "latest-main"),
                string(context, "gatewayInitialImageTag", string(context, "imageTag", "latest-main")),
                string(context, "alarmEmail", "ops@aifinance.agency"));
    }

    public String issuer() {
        return "https://" + domainName;
    }

    public String staticAssetsDomain() {
        return "static." + hostedZoneName;
    }

    private static String string(Function<String, Object> context, String key, String fallback) {
        Object value = context.apply(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    /** Label by label, without a nested quantifier over the whole name (no catastrophic backtracking). */
    private static boolean isDnsName(String name) {
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2 || name.length() > 253) {
            return false;
        }
        for (int i = 0; i < labels.length - 1; i++) {
            if (!LABEL.matcher(labels[i]).matches()) {
                return false;
            }
        }
        return TOP_LEVEL.matcher(labels[labels.length - 1]).matches();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
