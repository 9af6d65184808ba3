package com.aifinance.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesises the CDK app offline (jsii runs aws-cdk-lib on the machine's Node.js; no AWS account) and checks the
 * CloudFormation it would deploy.
 */
class PlatformStackTest {

    private static final DeploymentSettings SETTINGS = new DeploymentSettings("123456789012", "us-east-1",
            "app.aifinance.agency", "aifinance.agency", "Z0123456789ABCDEFGHIJ", "3f2c1ab", "1a2b3c4", "ops@aifinance.agency");

    private static Template platform;
    private static Template registry;

    @BeforeAll
    static void synthesise() {
        App app = new App();
        var stacks = AwsDeploymentApp.synthesize(app, SETTINGS, Path.of("../postgres/initdb/10-service-roles.sh"));
        platform = Template.fromStack(stacks.platform());
        registry = Template.fromStack(stacks.registry());
    }

    @Test
    void theNetworkSpansTwoAvailabilityZonesWithPublicAppAndIsolatedDataSubnets() {
        platform.resourceCountIs("AWS::EC2::VPC", 1);
        platform.resourceCountIs("AWS::EC2::Subnet", 6);
        platform.resourceCountIs("AWS::EC2::NatGateway", 2);
        var zones = platform.findResources("AWS::EC2::Subnet").values().stream()
                .map(subnet -> String.valueOf(properties(subnet).get("AvailabilityZone")))
                .collect(Collectors.toSet());
        assertThat(zones).hasSize(2);
    }

    @Test
    void everyPlatformServiceRunsAsItsOwnFargateServiceWithTwoVcpuAndFourGigabytes() {
        platform.resourceCountIs("AWS::ECS::Service", PlatformService.ALL.size());
        for (PlatformService service : PlatformService.ALL) {
            platform.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                    "ServiceName", service.name(),
                    "LaunchType", "FARGATE",
                    "DesiredCount", service.desiredCount())));
            platform.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                    "Family", "aifa-" + service.name(),
                    "Cpu", "2048",
                    "Memory", "4096",
                    "RequiresCompatibilities", List.of("FARGATE"),
                    "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                            "Name", service.name(),
                            "User", "10001:10001",
                            "ReadonlyRootFilesystem", true,
                            "MountPoints", List.of(Map.of("ContainerPath", "/tmp", "ReadOnly", false, "SourceVolume", "tmp")),
                            "PortMappings", service.isGateway()
                                    ? List.of(Match.objectLike(Map.of("ContainerPort", 8080)),
                                            Match.objectLike(Map.of("ContainerPort", 8081)))
                                    : List.of(Match.objectLike(Map.of("ContainerPort", service.port()))),
                            "HealthCheck", Match.objectLike(Map.of("Command", List.of("CMD", "/usr/local/bin/healthcheck"))),
                            "LogConfiguration", Match.objectLike(Map.of("LogDriver", "awslogs"))))))));
        }
    }

    @Test
    void theLoadBalancerForwardsEveryPathToTheGatewayAndChecksItsReadiness() {
        platform.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Match.objectLike(Map.of(
                "Port", 8080,
                "TargetType", "ip",
                "HealthCheckPort", "8081",
                "HealthCheckPath", "/actuator/health/readiness",
                "Matcher", Map.of("HttpCode", "200"))));
        platform.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Port", 443,
                "Protocol", "HTTPS",
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "forward"))))));
        platform.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Port", 80,
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "redirect"))))));
        platform.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Match.objectLike(Map.of(
                "Conditions", List.of(Match.objectLike(Map.of("Field", "path-pattern",
                        "PathPatternConfig", Map.of("Values", List.of("/actuator", "/actuator/*", "//*"))))),
                "Actions", List.of(Match.objectLike(Map.of("Type", "fixed-response"))))));
        // the gateway's actuator is on its management port: the ALB health-checks it there, the monitor polls it
        // there, and its own container knows the port
        platform.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Match.objectLike(Map.of(
                "FromPort", 8081, "ToPort", 8081,
                "Description", "the ALB health-checks the gateway on its management port")));
        platform.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "Family", "aifa-gateway-service",
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Environment", Match.arrayWith(List.of(
                                Map.of("Name", "SERVER_PORT", "Value", "8080"),
                                Map.of("Name", "MANAGEMENT_SERVER_PORT", "Value", "8081")))))))));
        platform.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "Family", "aifa-monitoring-service",
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Environment", Match.arrayWith(List.of(Map.of("Name", "GATEWAY_SERVICE_URL",
                                "Value", "http://gateway-service." + PlatformStack.SERVICE_NAMESPACE + ":8081")))))))));
        // the test listener of blue/green is not open to the internet
        platform.hasResourceProperties("AWS::EC2::SecurityGroup", Match.objectLike(Map.of(
                "GroupDescription", "the public load balancer",
                "SecurityGroupIngress", List.of(
                        Match.objectLike(Map.of("FromPort", 443, "CidrIp", "0.0.0.0/0")),
                        Match.objectLike(Map.of("FromPort", 80, "CidrIp", "0.0.0.0/0"))))));
    }

    @Test
    void aDnsValidatedCertificateCoversTheAppAndTheStaticAssetsWithRoute53Aliases() {
        platform.hasResourceProperties("AWS::CertificateManager::Certificate", Match.objectLike(Map.of(
                "DomainName", "app.aifinance.agency",
                "SubjectAlternativeNames", List.of("static.aifinance.agency"),
                "ValidationMethod", "DNS")));
        platform.resourceCountIs("AWS::Route53::RecordSet", 2);
        platform.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of(
                "Name", "app.aifinance.agency.", "Type", "A", "HostedZoneId", "Z0123456789ABCDEFGHIJ")));
    }

    @Test
    void cloudFrontServesStaticAssetsFromAPrivateBucketOverModernTls() {
        platform.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of(
                "DistributionConfig", Match.objectLike(Map.of(
                        "Aliases", List.of("static.aifinance.agency"),
                        "ViewerCertificate", Match.objectLike(Map.of("MinimumProtocolVersion", "TLSv1.2_2021")),
                        "DefaultCacheBehavior", Match.objectLike(Map.of("ViewerProtocolPolicy", "redirect-to-https")))))));
        platform.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        platform.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true))));
    }

    @Test
    void postgresIsMultiAzR6gLargeWithThirtyDaysOfBackupsAndTwoReadReplicas() {
        platform.hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of(
                "Engine", "postgres",
                "EngineVersion", "17.6",
                "DBInstanceClass", "db.r6g.large",
                "MultiAZ", true,
                "BackupRetentionPeriod", 30,
                "StorageEncrypted", true,
                "DeletionProtection", true)));
        var instances = platform.findResources("AWS::RDS::DBInstance");
        long replicas = instances.values().stream()
                .filter(instance -> properties(instance).containsKey("SourceDBInstanceIdentifier"))
                .peek(replica -> assertThat(properties(replica)).containsEntry("DBInstanceClass", "db.r6g.large"))
                .count();
        assertThat(replicas).isEqualTo(2);
        assertThat(instances).hasSize(3);
    }

    @Test
    void redisIsReplicatedAcrossZonesEncryptedAndUsesATokenFromSecretsManager() {
        platform.hasResourceProperties("AWS::ElastiCache::ReplicationGroup", Match.objectLike(Map.of(
                "NumCacheClusters", 2,
                "AutomaticFailoverEnabled", true,
                "MultiAZEnabled", true,
                "TransitEncryptionEnabled", true,
                "AtRestEncryptionEnabled", true)));
        String authToken = platform.findResources("AWS::ElastiCache::ReplicationGroup").values().stream()
                .map(group -> String.valueOf(properties(group).get("AuthToken"))).findFirst().orElseThrow();
        assertThat(authToken).contains("{{resolve:secretsmanager:").contains("SecretString");
    }

    @Test
    void redisAnnouncesExpiredKeysForSpringSessionAndNeverEvictsThroughItsParameterGroup() {
        // ElastiCache refuses CONFIG SET, so Spring Session cannot turn the notifications on itself
        var groups = platform.findResources("AWS::ElastiCache::ParameterGroup");
        assertThat(groups).hasSize(1);
        String logicalId = groups.keySet().iterator().next();
        assertThat(properties(groups.get(logicalId)))
                .containsEntry("CacheParameterGroupFamily", "redis7")
                .containsEntry("Properties", Map.of("notify-keyspace-events", "Egx", "maxmemory-policy", "noeviction"));
        platform.hasResourceProperties("AWS::ElastiCache::ReplicationGroup", Match.objectLike(Map.of(
                "EngineVersion", "7.1",
                "CacheParameterGroupName", Map.of("Ref", logicalId))));
    }

    @Test
    void everySecretReachesTheTasksFromSecretsManagerAndNoneIsInPlainEnvironment() {
        for (var definition : platform.findResources("AWS::ECS::TaskDefinition").values()) {
            @SuppressWarnings("unchecked")
            var containers = (List<Map<String, Object>>) properties(definition).get("ContainerDefinitions");
            for (var container : containers) {
                @SuppressWarnings("unchecked")
                var environment = (List<Map<String, Object>>) container.getOrDefault("Environment", List.of());
                assertThat(environment).extracting(variable -> String.valueOf(variable.get("Name")))
                        .noneMatch(name -> name.matches(".*(PASSWORD|SECRET|TOKEN|REDIS_URL|_KEY).*"));
                @SuppressWarnings("unchecked")
                var secrets = (List<Map<String, Object>>) container.getOrDefault("Secrets", List.of());
                var secretNames = secrets.stream().map(secret -> String.valueOf(secret.get("Name"))).toList();
                String name = String.valueOf(container.get("Name"));
                PlatformService.ALL.stream().filter(service -> service.name().equals(name)).findFirst()
                        .ifPresent(service -> {
                            assertThat(secretNames).contains("REDIS_URL", "SPRING_APPLICATION_JSON");
                            if (service.ownsSchema()) {
                                assertThat(secretNames).contains("DATABASE_USERNAME", "DATABASE_PASSWORD");
                            }
                        });
            }
        }
        // one role secret per schema, the master, Redis token and URL, pgbouncer's, one app secret per service, one
        // per platform client, four generated keys, and the two optional ones (federated login, probe client)
        long schemas = PlatformService.ALL.stream().filter(PlatformService::ownsSchema).count();
        platform.resourceCountIs("AWS::SecretsManager::Secret",
                (int) (schemas + 4 + PlatformService.ALL.size() + PlatformClient.ALL.size() + 4 + 2));
    }

    @Test
    void theDatabaseBootstrapTaskCreatesEveryServiceRoleWithItsSecretPassword() {
        var bootstrap = platform.findResources("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("Family", "aifa-database-bootstrap")))));
        assertThat(bootstrap).hasSize(1);
        @SuppressWarnings("unchecked")
        var container = ((List<Map<String, Object>>) properties(bootstrap.values().iterator().next())
                .get("ContainerDefinitions")).getFirst();
        @SuppressWarnings("unchecked")
        var secretNames = ((List<Map<String, Object>>) container.get("Secrets")).stream()
                .map(secret -> String.valueOf(secret.get("Name"))).toList();
        for (PlatformService service : PlatformService.ALL) {
            if (service.ownsSchema()) {
                assertThat(secretNames).contains(service.schema().toUpperCase() + "_DB_PASSWORD");
            }
        }
        assertThat(String.valueOf(container.get("Command"))).contains("CREATE SCHEMA IF NOT EXISTS");
    }

    @Test
    void servicesScaleOnCpuAboveSeventyPercentAndAheadOfTheUsMarketOpen() {
        platform.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", PlatformService.ALL.size());
        platform.resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", PlatformService.ALL.size());
        platform.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "PolicyType", "TargetTrackingScaling",
                "TargetTrackingScalingPolicyConfiguration", Match.objectLike(Map.of(
                        "TargetValue", 70,
                        "PredefinedMetricSpecification", Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization"))))));
        for (PlatformService service : PlatformService.ALL) {
            if (!service.scalesForMarketHours()) {
                continue;
            }
            platform.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Match.objectLike(Map.of(
                    "MinCapacity", service.desiredCount(),
                    "MaxCapacity", service.maxCount(),
                    "ScheduledActions", Match.arrayWith(List.of(
                            Match.objectLike(Map.of(
                                    "Schedule", "cron(0 9 ? * MON-FRI *)",
                                    "Timezone", "America/New_York",
                                    "ScalableTargetAction", Map.of("MinCapacity", service.marketHoursMin()))),
                            Match.objectLike(Map.of(
                                    "Schedule", "cron(30 16 ? * MON-FRI *)",
                                    "ScalableTargetAction", Map.of("MinCapacity", service.desiredCount()))))))));
        }
    }

    @Test
    void logsAreKeptThirtyDaysAndEveryAlarmNotifiesOperations() {
        for (PlatformService service : PlatformService.ALL) {
            platform.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                    "LogGroupName", "/aifa/" + service.name(), "RetentionInDays", 30));
        }
        var alarms = platform.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSizeGreaterThanOrEqualTo(3 * PlatformService.ALL.size() + 4);
        assertThat(alarms.values()).allSatisfy(alarm -> assertThat(properties(alarm)).containsKey("AlarmActions"));
        platform.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "ops@aifinance.agency", "TopicArn", Match.anyValue()));
    }

    @Test
    void theGatewayIsDeployedBlueGreenByCodeDeployWithACanaryAndRollbackOnAlarm() {
        platform.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "ServiceName", "gateway-service",
                "DeploymentController", Map.of("Type", "CODE_DEPLOY"))));
        platform.hasResourceProperties("AWS::CodeDeploy::DeploymentConfig", Match.objectLike(Map.of(
                "ComputePlatform", "ECS",
                "TrafficRoutingConfig", Map.of(
                        "Type", "TimeBasedCanary",
                        "TimeBasedCanary", Map.of("CanaryPercentage", 10, "CanaryInterval", 10)))));
        platform.hasResourceProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(Map.of(
                "DeploymentStyle", Map.of("DeploymentOption", "WITH_TRAFFIC_CONTROL", "DeploymentType", "BLUE_GREEN"),
                "AutoRollbackConfiguration", Map.of("Enabled", true, "Events", Match.arrayWith(List.of(
                        "DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST", "DEPLOYMENT_STOP_ON_ALARM"))),
                "AlarmConfiguration", Match.objectLike(Map.of("Enabled", true)))));
        // the other services roll task by task and roll back when new tasks never become healthy
        platform.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "ServiceName", "billing-service",
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true),
                        "MinimumHealthyPercent", 100)))));
    }

    @Test
    void rollingServicesRunThePipelinesTagWhileTheGatewayKeepsItsFirstTaskDefinitionForCodeDeploy() {
        String platformJson = platform.toJSON().toString();
        assertThat(platformJson).contains("aifa/billing-service:3f2c1ab").contains("aifa/gateway-service:1a2b3c4")
                .doesNotContain("aifa/gateway-service:3f2c1ab");
    }

    @Test
    void everyVariableWhoseDefaultPointsAtLocalhostIsSetForEveryServiceThatReadsIt() throws java.io.IOException {
        Path repository = Path.of("../..");
        var pattern = java.util.regex.Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");
        var local = java.util.regex.Pattern.compile("://(localhost|127\\.0\\.0\\.1)|127\\.0\\.0\\.1/");
        String shared = java.nio.file.Files.readString(repository.resolve("common-lib/src/main/resources/aifa-defaults.properties"));
        for (PlatformService service : PlatformService.ALL) {
            Path yml = repository.resolve(service.name()).resolve("src/main/resources/application.yml");
            String text = shared + (java.nio.file.Files.exists(yml) ? java.nio.file.Files.readString(yml) : "");
            var matcher = pattern.matcher(text);
            var provided = variablesOf(service.name());
            int from = 0;
            // searching again just inside each match finds nested placeholders too: ${A:${B:http://localhost…}}
            while (matcher.find(from)) {
                String variable = matcher.group(1);
                if (local.matcher(matcher.group(2)).find() && !(service.isGateway() && variable.startsWith("DATABASE_"))) {
                    assertThat(provided).as(service.name() + " reads " + variable + " with a localhost default").contains(variable);
                }
                from = matcher.start() + 2;
            }
        }
    }

    @Test
    void theGatewayTrustsForwardedHeadersOnlyFromTheLoadBalancersSubnets() {
        var gateway = containerOf("gateway-service");
        @SuppressWarnings("unchecked")
        var environment = (List<Map<String, Object>>) gateway.get("Environment");
        String pattern = environment.stream().filter(variable -> "SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_TRUSTEDPROXIES"
                .equals(variable.get("Name"))).map(variable -> String.valueOf(variable.get("Value"))).findFirst().orElseThrow();
        assertThat("10.20.0.17").matches(pattern);
        assertThat("10.20.1.200").matches(pattern);
        assertThat("10.20.16.5").doesNotMatch(pattern);
        assertThat("6.6.6.6").doesNotMatch(pattern);
    }

    @Test
    void theRegistryKeepsOneImmutableScannedRepositoryPerService() {
        registry.resourceCountIs("AWS::ECR::Repository", PlatformService.ALL.size());
        registry.hasResourceProperties("AWS::ECR::Repository", Match.objectLike(Map.of(
                "RepositoryName", "aifa/billing-service",
                "ImageTagMutability", "IMMUTABLE",
                "ImageScanningConfiguration", Map.of("ScanOnPush", true))));
    }

    @Test
    void settingsRejectAWrongZoneOrRegion() {
        assertThatThrownBy(() -> new DeploymentSettings("", "us-east-1", "app.example.com", "aifinance.agency",
                "Z0123456789ABC", "v1", "v1", "ops@aifinance.agency"))
                .hasMessageContaining("not inside the zone");
        assertThatThrownBy(() -> new DeploymentSettings("", "eu-west-1", "app.aifinance.agency", "aifinance.agency",
                "Z0123456789ABC", "v1", "v1", "ops@aifinance.agency"))
                .hasMessageContaining("us-east-1");
        assertThatThrownBy(() -> new DeploymentSettings("", "us-east-1", "app.aifinance.agency", "aifinance.agency",
                "Z0123456789ABC", "bad tag!", "v1", "ops@aifinance.agency"))
                .hasMessageContaining("imageTag");
    }

    @Test
    void everyVariableOfProductionSettingsReachesItsTaskTheWayThatFileSays() throws java.io.IOException {
        var lines = java.nio.file.Files.readAllLines(Path.of("../production-settings.txt")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            String[] fields = line.split("\\s+");
            String service = fields[0];
            String variable = fields[1];
            String kind = fields[2];
            var environment = environmentOf(service);
            var secrets = secretsOf(service);
            switch (kind.split("=", 2)[0]) {
                case "secret" -> {
                    assertThat(secrets).as(line).containsKey(variable);
                    assertThat(environment).as(line).doesNotContainKey(variable);
                    assertThat(tasksReceiving(secrets.get(variable))).as("who receives " + variable)
                            .containsOnly(service);
                }
                case "optional" -> {
                    assertThat(secrets).as(line).containsKey(variable);
                    assertThat(String.valueOf(secrets.get(variable))).as(line + ": one key of a JSON secret")
                            .contains(":" + variable + "::");
                }
                case "setting" -> assertThat(environment).as(line).containsEntry(variable, kind.split("=", 2)[1]);
                // vendor credentials and rotation-only keys travel in the JSON app secret (SPRING_APPLICATION_JSON)
                case "app", "rotation" -> {
                    assertThat(environment).as(line).doesNotContainKey(variable);
                    assertThat(secrets).as(line).doesNotContainKey(variable).containsKey("SPRING_APPLICATION_JSON");
                }
                default -> throw new AssertionError("unknown kind in deploy/production-settings.txt: " + line);
            }
        }
    }

    @Test
    void eachPlatformClientsSecretIsSharedByExactlySubscriptionServiceAndThatClient() {
        var registry = secretsOf("subscription-service");
        java.util.Set<Object> distinct = new java.util.HashSet<>();
        for (PlatformClient client : PlatformClient.ALL) {
            Object secret = registry.get(client.registryVariable());
            assertThat(secret).as("subscription-service gets " + client.registryVariable()).isNotNull();
            assertThat(secretsOf(client.holder())).as(client.holder()).containsEntry(client.holderVariable(), secret);
            assertThat(tasksReceiving(secret)).as("who receives the secret of " + client.clientId())
                    .containsOnly("subscription-service", client.holder());
            assertThat(distinct.add(secret)).as(client.clientId() + " has a secret of its own").isTrue();
            if (client.isServiceClient()) {
                assertThat(environmentOf(client.holder())).containsEntry("AIFA_CLIENT_ID", client.clientId());
            }
        }
    }

    @Test
    void thePlatformClientsAreTheOnesSubscriptionServiceRegisters() throws java.io.IOException {
        String properties = java.nio.file.Files.readString(Path.of("../../subscription-service/src/main/java/com/"
                + "aifinance/subscription/authserver/AuthServerProperties.java"));
        var services = java.util.regex.Pattern.compile("@DefaultValue\\(\\{([^}]*)}\\)\\s*List<String>\\s+serviceClients")
                .matcher(properties);
        var dashboard = java.util.regex.Pattern.compile("@DefaultValue\\(\"([a-z0-9-]+)\"\\)\\s*String\\s+clientId")
                .matcher(properties);
        assertThat(services.find() && dashboard.find()).as("AuthServerProperties declares its clients as before").isTrue();
        List<String> registered = new java.util.ArrayList<>(List.of(dashboard.group(1)));
        var ids = java.util.regex.Pattern.compile("\"([a-z0-9-]+)\"").matcher(services.group(1));
        while (ids.find()) {
            registered.add(ids.group(1));
        }
        assertThat(PlatformClient.ALL).extracting(PlatformClient::clientId).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void generatedKeysAreWrittenOnceIntoRetainedSecretsBeforeTheTasksThatReadThemStart() {
        Map<String, String> expected = Map.of(
                "subscription-service/AIFA_SIGNING_KEY", "rsa-2048-pkcs8-pem",
                "subscription-service/AIFA_ENCRYPTION_KEY", "aes-256-base64",
                "enterprise-service/AIFA_ENTERPRISE_SECRET_KEY", "aes-256-base64",
                "institutional-api-service/AIFA_WEBHOOK_ENCRYPTION_KEY", "aes-256-base64");
        var generators = platform.findResources(KeyMaterial.RESOURCE_TYPE);
        assertThat(generators).hasSize(expected.size());
        var secretsManager = platform.findResources("AWS::SecretsManager::Secret");
        expected.forEach((where, kind) -> {
            String[] parts = where.split("/");
            @SuppressWarnings("unchecked")
            var valueFrom = (Map<String, Object>) secretsOf(parts[0]).get(parts[1]);
            String secretId = String.valueOf(valueFrom.get("Ref"));
            assertThat(generators.values()).as(where).anySatisfy(generator -> assertThat(properties(generator))
                    .containsEntry("SecretId", Map.of("Ref", secretId)).containsEntry("Kind", kind));
            @SuppressWarnings("unchecked")
            var secret = (Map<String, Object>) secretsManager.get(secretId);
            // generated by CloudFormation, so no value in the template that an update could write back over the key
            assertThat(properties(secret)).containsKey("GenerateSecretString").doesNotContainKey("SecretString");
            assertThat(secret).containsEntry("DeletionPolicy", "Retain");
        });
        for (var service : platform.findResources("AWS::ECS::Service").values()) {
            @SuppressWarnings("unchecked")
            var dependsOn = (List<String>) ((Map<String, Object>) service).getOrDefault("DependsOn", List.of());
            assertThat(dependsOn).containsAll(generators.keySet());
        }
    }

    /** The plain environment of {@code service}'s task. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environmentOf(String service) {
        Map<String, String> values = new java.util.TreeMap<>();
        ((List<Map<String, Object>>) containerOf(service).getOrDefault("Environment", List.of()))
                .forEach(entry -> values.put(String.valueOf(entry.get("Name")), String.valueOf(entry.get("Value"))));
        return values;
    }

    /** The ECS secrets of {@code service}'s task: variable → ValueFrom (a reference to the secret, and a JSON key). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> secretsOf(String service) {
        Map<String, Object> values = new java.util.TreeMap<>();
        ((List<Map<String, Object>>) containerOf(service).getOrDefault("Secrets", List.of()))
                .forEach(entry -> values.put(String.valueOf(entry.get("Name")), entry.get("ValueFrom")));
        return values;
    }

    /** The containers (of every task definition) given {@code valueFrom} as any of their secrets. */
    @SuppressWarnings("unchecked")
    private static java.util.Set<String> tasksReceiving(Object valueFrom) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (var definition : platform.findResources("AWS::ECS::TaskDefinition").values()) {
            for (var container : (List<Map<String, Object>>) properties(definition).get("ContainerDefinitions")) {
                ((List<Map<String, Object>>) container.getOrDefault("Secrets", List.of())).stream()
                        .filter(secret -> valueFrom.equals(secret.get("ValueFrom")))
                        .findAny().ifPresent(found -> names.add(String.valueOf(container.get("Name"))));
            }
        }
        return names;
    }

    /** Names of the environment variables and secrets the task of {@code service} receives. */
    private static java.util.Set<String> variablesOf(String service) {
        var container = containerOf(service);
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String key : List.of("Environment", "Secrets")) {
            @SuppressWarnings("unchecked")
            var entries = (List<Map<String, Object>>) container.getOrDefault(key, List.of());
            entries.forEach(entry -> names.add(String.valueOf(entry.get("Name"))));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> containerOf(String service) {
        return platform.findResources("AWS::ECS::TaskDefinition").values().stream()
                .map(definition -> (List<Map<String, Object>>) properties(definition).get("ContainerDefinitions"))
                .flatMap(List::stream)
                .filter(container -> service.equals(container.get("Name")))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Object resource) {
        return (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
    }
}
