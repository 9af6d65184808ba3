package com.aifinance.deploy.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.applicationautoscaling.CronOptions;
import software.amazon.awscdk.services.applicationautoscaling.Schedule;
import software.amazon.awscdk.services.applicationautoscaling.ScalingSchedule;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.codedeploy.AutoRollbackConfig;
import software.amazon.awscdk.services.codedeploy.EcsApplication;
import software.amazon.awscdk.services.codedeploy.EcsBlueGreenDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.EcsDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.EcsDeploymentGroup;
import software.amazon.awscdk.services.codedeploy.TimeBasedCanaryTrafficRoutingProps;
import software.amazon.awscdk.services.codedeploy.TrafficRouting;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.DeploymentController;
import software.amazon.awscdk.services.ecs.DeploymentControllerType;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticache.CfnParameterGroup;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsFromUsernameOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseInstanceReadReplica;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PerformanceInsightRetention;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.CloudFrontTarget;
import software.amazon.awscdk.services.route53.targets.LoadBalancerTarget;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.servicediscovery.PrivateDnsNamespace;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The whole platform in one region: network, data, the ECS Fargate services, the edge (ALB, CloudFront, Route53,
 * ACM) and the delivery of the gateway (CodeDeploy blue/green). Every secret lives in Secrets Manager and reaches a
 * task only as an ECS secret, never as plain text in the template.
 */
public final class PlatformStack extends Stack {

    static final String DATABASE_NAME = "aifa";
    static final String VPC_CIDR = "10.20.0.0/16";
    static final String SERVICE_NAMESPACE = "aifa.internal";
    static final int CPU_UNITS = 2048;
    static final int MEMORY_MIB = 4096;
    static final int CPU_TARGET_PERCENT = 70;
    static final int GATEWAY_CANARY_PERCENT = 10;
    static final int GATEWAY_CANARY_MINUTES = 10;
    static final String REDIS_PARAMETER_FAMILY = "redis7";

    private final Topic alarms;

    public PlatformStack(Construct scope, String id, StackProps props, DeploymentSettings settings, Path roleScript) {
        super(scope, id, props);
        // images are pushed by the pipeline into the registry stack's repositories, found here by name
        Map<String, IRepository> repositories = repositoriesByName(this);

        alarms = Topic.Builder.create(this, "Alarms").topicName("aifa-alarms").displayName("AI Finance Agency alarms").build();
        alarms.addSubscription(EmailSubscription.Builder.create(settings.alarmEmail()).build());

        // ---- network: two AZs; tasks in private subnets with NAT egress (payment and market-data APIs); data isolated
        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(VPC_CIDR))
                .maxAzs(2)
                .natGateways(2)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(20).build(),
                        SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .build();
        SubnetSelection appSubnets = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
        SubnetSelection dataSubnets = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();

        SecurityGroup albGroup = securityGroup(vpc, "AlbSecurityGroup", "the public load balancer", true);
        albGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from anywhere");
        albGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP, redirected to HTTPS");
        SecurityGroup serviceGroup = securityGroup(vpc, "ServiceSecurityGroup", "platform service tasks", true);
        serviceGroup.addIngressRule(albGroup, Port.tcp(8080), "the ALB reaches the gateway");
        serviceGroup.addIngressRule(albGroup, Port.tcp(PlatformService.GATEWAY_MANAGEMENT_PORT),
                "the ALB health-checks the gateway on its management port");
        for (PlatformService service : PlatformService.ALL) {
            serviceGroup.addIngressRule(serviceGroup, Port.tcp(service.port()), "tasks reach " + service.name());
            if (service.managementPort() != service.port()) {
                serviceGroup.addIngressRule(serviceGroup, Port.tcp(service.managementPort()),
                        "tasks (monitoring-service) reach the actuator of " + service.name());
            }
        }
        SecurityGroup databaseGroup = securityGroup(vpc, "DatabaseSecurityGroup", "PostgreSQL", false);
        databaseGroup.addIngressRule(serviceGroup, Port.tcp(5432), "services reach PostgreSQL");
        SecurityGroup redisGroup = securityGroup(vpc, "RedisSecurityGroup", "Redis", false);
        redisGroup.addIngressRule(serviceGroup, Port.tcp(6379), "services reach Redis");

        // ---- data: PostgreSQL 17 Multi-AZ with two read replicas, 30 days of backups (point-in-time recovery)
        ParameterGroup parameters = ParameterGroup.Builder.create(this, "DatabaseParameters")
                .engine(postgresEngine())
                .description("AI Finance Agency PostgreSQL 17")
                .parameters(Map.of(
                        "rds.force_ssl", "1",
                        "log_min_duration_statement", "500",
                        "idle_in_transaction_session_timeout", "60000"))
                .build();
        DatabaseInstance database = DatabaseInstance.Builder.create(this, "Database")
                .engine(postgresEngine())
                .instanceType(InstanceType.of(InstanceClass.R6G, InstanceSize.LARGE))
                .multiAz(true)
                .vpc(vpc)
                .vpcSubnets(dataSubnets)
                .securityGroups(List.of(databaseGroup))
                .databaseName(DATABASE_NAME)
                .credentials(Credentials.fromGeneratedSecret("postgres", CredentialsFromUsernameOptions.builder()
                        .secretName("aifa/database/master").build()))
                .parameterGroup(parameters)
                .storageType(StorageType.GP3)
                .allocatedStorage(100)
                .maxAllocatedStorage(500)
                .storageEncrypted(true)
                .backupRetention(Duration.days(30))
                .preferredBackupWindow("07:00-07:30")
                .preferredMaintenanceWindow("sun:08:00-sun:08:30")
                .copyTagsToSnapshot(true)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .enablePerformanceInsights(true)
                .performanceInsightRetention(PerformanceInsightRetention.DEFAULT)
                .monitoringInterval(Duration.seconds(60))
                .cloudwatchLogsExports(List.of("postgresql"))
                .cloudwatchLogsRetention(RetentionDays.ONE_MONTH)
                .autoMinorVersionUpgrade(true)
                .build();
        List<DatabaseInstanceReadReplica> replicas = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            replicas.add(DatabaseInstanceReadReplica.Builder.create(this, "ReadReplica" + i)
                    .sourceDatabaseInstance(database)
                    .instanceType(InstanceType.of(InstanceClass.R6G, InstanceSize.LARGE))
                    .vpc(vpc)
                    .vpcSubnets(dataSubnets)
                    .securityGroups(List.of(databaseGroup))
                    .parameterGroup(parameters)
                    .storageEncrypted(true)
                    .enablePerformanceInsights(true)
                    .monitoringInterval(Duration.seconds(60))
                    .deletionProtection(true)
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build());
        }
        String jdbcUrl = "jdbc:postgresql://" + database.getDbInstanceEndpointAddress() + ":5432/" + DATABASE_NAME
                + "?sslmode=require";
        String readJdbcUrl = "jdbc:postgresql://" + replicas.getFirst().getDbInstanceEndpointAddress() + ":5432/"
                + DATABASE_NAME + "?sslmode=require&readOnly=true";

        // one role (and secret) per service schema; the bootstrap task below creates the roles with these passwords
        Map<String, software.amazon.awscdk.services.secretsmanager.Secret> roleSecrets = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.ALL) {
            if (service.ownsSchema()) {
                roleSecrets.put(service.schema(), software.amazon.awscdk.services.secretsmanager.Secret.Builder
                        .create(this, service.shortName() + "-database-secret")
                        .secretName("aifa/database/" + service.schema())
                        .description("PostgreSQL role of " + service.name() + ", limited to schema " + service.schema())
                        .generateSecretString(SecretStringGenerator.builder()
                                .secretStringTemplate("{\"username\":\"" + service.schema() + "\"}")
                                .generateStringKey("password")
                                .excludePunctuation(true)
                                .passwordLength(40)
                                .build())
                        .build());
            }
        }

        // ---- Redis: ElastiCache primary + replica across the AZs, TLS and an AUTH token from Secrets Manager
        var redisToken = software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "RedisAuthToken")
                .secretName("aifa/redis/auth-token")
                .description("ElastiCache AUTH token")
                .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(64).build())
                .build();
        CfnSubnetGroup redisSubnets = CfnSubnetGroup.Builder.create(this, "RedisSubnets")
                .description("AI Finance Agency Redis")
                .subnetIds(vpc.selectSubnets(dataSubnets).getSubnetIds())
                .build();
        // ElastiCache refuses CONFIG, so what the services would set at start-up is set here: the keyspace
        // notifications of Spring Session's indexed repository (E keyevent, g generic, x expired), and no eviction,
        // as in deploy/redis/redis.conf (event streams and rate-limit buckets must never vanish silently)
        CfnParameterGroup redisParameters = CfnParameterGroup.Builder.create(this, "RedisParameters")
                .cacheParameterGroupFamily(REDIS_PARAMETER_FAMILY)
                .description("AI Finance Agency Redis: Spring Session keyspace notifications, no eviction")
                .properties(Map.of(
                        "notify-keyspace-events", "Egx",
                        "maxmemory-policy", "noeviction"))
                .build();
        CfnReplicationGroup redis = CfnReplicationGroup.Builder.create(this, "Redis")
                .replicationGroupDescription("AI Finance Agency: rate limits, caches, sessions, event streams")
                .engine("redis")
                .engineVersion("7.1")
                .cacheParameterGroupName(redisParameters.getRef())
                .cacheNodeType("cache.t4g.medium")
                .numCacheClusters(2)
                .automaticFailoverEnabled(true)
                .multiAzEnabled(true)
                .transitEncryptionEnabled(true)
                .atRestEncryptionEnabled(true)
                .authToken(redisToken.getSecretValue().unsafeUnwrap())
                .cacheSubnetGroupName(redisSubnets.getRef())
                .securityGroupIds(List.of(redisGroup.getSecurityGroupId()))
                .snapshotRetentionLimit(7)
                .snapshotWindow("06:00-07:00")
                .build();
        // The URL embeds the token through a dynamic reference ({{resolve:secretsmanager:…}}): CloudFormation
        // resolves it when it writes the secret, so the template never holds the token itself.
        var redisUrl = software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "RedisUrl")
                .secretName("aifa/redis/url")
                .description("REDIS_URL of every service (rediss://:token@primary:6379)")
                .secretStringValue(SecretValue.unsafePlainText(Fn.join("", List.of(
                        "rediss://:", redisToken.getSecretValue().unsafeUnwrap(), "@",
                        redis.getAttrPrimaryEndPointAddress(), ":", redis.getAttrPrimaryEndPointPort()))))
                .build();

        // ---- compute: one Fargate service per platform service, found by each other through Cloud Map
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName("aifa")
                .vpc(vpc)
                .containerInsightsV2(ContainerInsights.ENABLED)
                .build();
        PrivateDnsNamespace namespace = PrivateDnsNamespace.Builder.create(this, "ServiceNamespace")
                .name(SERVICE_NAMESPACE)
                .vpc(vpc)
                .description("platform services find each other here")
                .build();
        Map<String, String> serviceUrls = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.ALL) {
            // only monitoring-service reads GATEWAY_SERVICE_URL, for the gateway's health: its management port
            int port = service.isGateway() ? service.managementPort() : service.port();
            serviceUrls.put(service.urlVariable(), "http://" + service.name() + "." + SERVICE_NAMESPACE + ":" + port);
        }

        // Public addresses the services put in links, redirects and CORS (their local defaults point at localhost),
        // and who may set X-Forwarded-For: the ALB (in the public subnets) for the gateway, the VPC for the services.
        Map<String, String> publicAddresses = new LinkedHashMap<>();
        publicAddresses.put("AIFA_ISSUER", settings.issuer());
        publicAddresses.put("AIFA_PUBLIC_URL", settings.issuer());
        publicAddresses.put("AIFA_DASHBOARD_ORIGINS", settings.issuer());
        publicAddresses.put("AIFA_DASHBOARD_REDIRECT_URIS", settings.issuer() + "/login/oauth2/code/aifa");
        publicAddresses.put("AIFA_DASHBOARD_POST_LOGOUT_URIS", settings.issuer() + "/");
        publicAddresses.put("AIFA_CHECKOUT_SUCCESS_URL", settings.issuer() + "/billing/success");
        publicAddresses.put("AIFA_CHECKOUT_CANCEL_URL", settings.issuer() + "/billing/canceled");
        publicAddresses.put("AIFA_INVITATION_ACCEPT_URL", settings.issuer() + "/invitations/accept?token=");
        publicAddresses.put("AIFA_STATUS_PAGE_URL", settings.issuer() + "/api/monitoring/status");
        // monitoring-service's synthetic probes take the users' path: Route 53, ALB, gateway
        publicAddresses.put("GATEWAY_URL", settings.issuer());
        publicAddresses.put("SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_TRUSTEDPROXIES", publicSubnetPattern(vpc));
        publicAddresses.put("AIFA_TRUSTED_PROXIES", VPC_CIDR);

        // the platform clients' secrets, generated keys, optional secrets and per-service settings
        ServiceSecrets serviceSecrets = new ServiceSecrets(this);

        Map<String, FargateService> services = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.ALL) {
            var appSecret = software.amazon.awscdk.services.secretsmanager.Secret.Builder
                    .create(this, service.shortName() + "-app-secret")
                    .secretName("aifa/" + service.name() + "/app")
                    .description("Vendor credentials of " + service.name() + " as Spring properties (JSON), "
                            + "injected as SPRING_APPLICATION_JSON")
                    .secretObjectValue(Map.of())
                    .build();

            LogGroup logs = LogGroup.Builder.create(this, service.shortName() + "-logs")
                    .logGroupName("/aifa/" + service.name())
                    .retention(RetentionDays.ONE_MONTH)
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, service.shortName() + "-task")
                    .family("aifa-" + service.name())
                    .cpu(CPU_UNITS)
                    .memoryLimitMiB(MEMORY_MIB)
                    .runtimePlatform(RuntimePlatform.builder()
                            .cpuArchitecture(CpuArchitecture.X86_64)
                            .operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                    .build();

            Map<String, String> environment = new LinkedHashMap<>(serviceUrls);
            environment.putAll(publicAddresses);
            environment.put("SERVER_PORT", String.valueOf(service.port()));
            if (service.managementPort() != service.port()) {
                // Spring Boot's own variable: the gateway's actuator and the container health check read the same one
                environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(service.managementPort()));
            }
            environment.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError");
            environment.putAll(serviceSecrets.environmentOf(service.name()));
            Map<String, Secret> secrets = new LinkedHashMap<>();
            secrets.put("REDIS_URL", Secret.fromSecretsManager(redisUrl));
            secrets.put("SPRING_APPLICATION_JSON", Secret.fromSecretsManager(appSecret));
            secrets.putAll(serviceSecrets.secretsOf(service.name()));
            if (service.ownsSchema()) {
                environment.put("DATABASE_JDBC_URL", jdbcUrl);
                var role = roleSecrets.get(service.schema());
                secrets.put("DATABASE_USERNAME", Secret.fromSecretsManager(role, "username"));
                secrets.put("DATABASE_PASSWORD", Secret.fromSecretsManager(role, "password"));
                if ("analytics-service".equals(service.name())) {
                    // heavy reports read from the first replica, which has the same roles (physical replication)
                    environment.put("DATABASE_READ_JDBC_URL", readJdbcUrl);
                    secrets.put("DATABASE_READ_USERNAME", Secret.fromSecretsManager(role, "username"));
                    secrets.put("DATABASE_READ_PASSWORD", Secret.fromSecretsManager(role, "password"));
                }
            }

            task.addContainer(service.shortName(), ContainerDefinitionOptions.builder()
                    .containerName(service.name())
                    .image(ContainerImage.fromEcrRepository(repositories.get(service.name()),
                            service.isGateway() ? settings.gatewayInitialImageTag() : settings.imageTag()))
                    .essential(true)
                    .portMappings(portMappings(service))
                    .environment(environment)
                    .secrets(secrets)
                    .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("task").build()))
                    .healthCheck(HealthCheck.builder()
                            .command(List.of("CMD", "/usr/local/bin/healthcheck"))
                            .interval(Duration.seconds(15))
                            .timeout(Duration.seconds(5))
                            .retries(3)
                            .startPeriod(Duration.seconds(90))
                            .build())
                    .stopTimeout(Duration.seconds(30))
                    // as on one host: nothing in the image is writable, only the task's scratch /tmp (Tomcat, JVM)
                    .readonlyRootFilesystem(true)
                    .user("10001:10001")
                    .build());
            task.addVolume(Volume.builder().name("tmp").build());
            task.getDefaultContainer().addMountPoints(MountPoint.builder()
                    .sourceVolume("tmp").containerPath("/tmp").readOnly(false).build());

            FargateService.Builder builder = FargateService.Builder.create(this, service.shortName() + "-service")
                    .serviceName(service.name())
                    .cluster(cluster)
                    .taskDefinition(task)
                    .desiredCount(service.desiredCount())
                    .vpcSubnets(appSubnets)
                    .securityGroups(List.of(serviceGroup))
                    .assignPublicIp(false)
                    .cloudMapOptions(CloudMapOptions.builder().name(service.name()).cloudMapNamespace(namespace)
                            .dnsTtl(Duration.seconds(10)).build())
                    .minHealthyPercent(100)
                    .maxHealthyPercent(200)
                    .enableEcsManagedTags(true);
            if (service.isGateway()) {
                builder.deploymentController(DeploymentController.builder().type(DeploymentControllerType.CODE_DEPLOY).build())
                        .healthCheckGracePeriod(Duration.seconds(120));
            } else {
                // services behind Cloud Map roll task by task; a deployment whose tasks never get healthy rolls back
                builder.circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build());
            }
            FargateService fargate = builder.build();
            // a task must not start before its generated keys are written (it would fail on the stand-in)
            fargate.getNode().addDependency(serviceSecrets.keyMaterial());
            services.put(service.name(), fargate);

            ScalableTaskCount scaling = fargate.autoScaleTaskCount(EnableScalingProps.builder()
                    .minCapacity(service.desiredCount()).maxCapacity(service.maxCount()).build());
            scaling.scaleOnCpuUtilization("cpu-" + CPU_TARGET_PERCENT, CpuUtilizationScalingProps.builder()
                    .targetUtilizationPercent(CPU_TARGET_PERCENT)
                    .scaleOutCooldown(Duration.minutes(2))
                    .scaleInCooldown(Duration.minutes(10))
                    .build());
            if (service.scalesForMarketHours()) {
                // US equities open 09:30 New York time: be scaled out before the open, back after the close
                scaling.scaleOnSchedule("market-open", ScalingSchedule.builder()
                        .schedule(Schedule.cron(CronOptions.builder().minute("0").hour("9").weekDay("MON-FRI").build()))
                        .timeZone(TimeZone.AMERICA_NEW_YORK)
                        .minCapacity(service.marketHoursMin())
                        .build());
                scaling.scaleOnSchedule("market-close", ScalingSchedule.builder()
                        .schedule(Schedule.cron(CronOptions.builder().minute("30").hour("16").weekDay("MON-FRI").build()))
                        .timeZone(TimeZone.AMERICA_NEW_YORK)
                        .minCapacity(service.desiredCount())
                        .build());
            }
            serviceAlarms(service, fargate);
        }

        // One-off task that creates the service roles (deploy/postgres/initdb/10-service-roles.sh) with the
        // passwords above: run it once after the first deployment and after every password rotation.
        databaseBootstrapTask(settings, database, roleSecrets, redisUrl, roleScript);

        // ---- edge: ACM certificate (DNS-validated), ALB with the gateway behind it, Route53 records
        IHostedZone zone = HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
                .hostedZoneId(settings.hostedZoneId()).zoneName(settings.hostedZoneName()).build());
        Certificate certificate = Certificate.Builder.create(this, "Certificate")
                .domainName(settings.domainName())
                .subjectAlternativeNames(List.of(settings.staticAssetsDomain()))
                .validation(CertificateValidation.fromDns(zone))
                .build();

        ApplicationLoadBalancer alb = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(vpc)
                .internetFacing(true)
                .securityGroup(albGroup)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .dropInvalidHeaderFields(true)
                .idleTimeout(Duration.seconds(60))
                .build();
        alb.addListener("Http", software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps.builder()
                .port(80).protocol(ApplicationProtocol.HTTP)
                .defaultAction(ListenerAction.redirect(software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions.builder()
                        .protocol("HTTPS").port("443").permanent(true).build()))
                .build());

        PlatformService gatewaySpec = PlatformService.ALL.stream().filter(PlatformService::isGateway).findFirst().orElseThrow();
        ApplicationTargetGroup blue = gatewayTargetGroup(vpc, "GatewayBlue", gatewaySpec);
        ApplicationTargetGroup green = gatewayTargetGroup(vpc, "GatewayGreen", gatewaySpec);
        ApplicationListener https = alb.addListener("Https", software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps.builder()
                .port(443).protocol(ApplicationProtocol.HTTPS)
                .certificates(List.of(ListenerCertificate.fromCertificateManager(certificate)))
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .defaultAction(ListenerAction.forward(List.of(blue)))
                .build());
        // CodeDeploy sends test traffic to the replacement tasks here before shifting production traffic; the
        // port is not open to the internet (the ALB security group admits only 80 and 443).
        ApplicationListener testListener = alb.addListener("GatewayTest", software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps.builder()
                .port(9443).protocol(ApplicationProtocol.HTTPS)
                .certificates(List.of(ListenerCertificate.fromCertificateManager(certificate)))
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .open(false)
                .defaultAction(ListenerAction.forward(List.of(green)))
                .build());
        services.get(gatewaySpec.name()).attachToApplicationTargetGroup(blue);

        // Path routing: the default action sends every public path to the gateway, which routes /api/*, /v1/*,
        // /oauth2/* … to the services. Only non-forwarding rules are added here: CodeDeploy shifts the traffic of the
        // listener's default action, so a forward rule would keep pointing at the old (blue) target group.
        // The gateway's actuator listens only on its management port, which the ALB health-checks and never forwards
        // to; this rule is defence in depth. Paths starting with an empty segment (//actuator/…) are refused as well
        // (no page of the platform has one); percent-encoded spellings (/%61ctuator) cannot be written as an ALB
        // pattern, and the gateway answers them with a 404 itself.
        ApplicationListenerRule.Builder.create(this, "BlockActuator")
                .listener(https)
                .priority(10)
                .conditions(List.of(ListenerCondition.pathPatterns(List.of("/actuator", "/actuator/*", "//*"))))
                .action(ListenerAction.fixedResponse(404, FixedResponseOptions.builder()
                        .contentType("application/problem+json")
                        .messageBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}")
                        .build()))
                .build();
        ARecord.Builder.create(this, "AppRecord")
                .zone(zone)
                .recordName(settings.domainName())
                .target(RecordTarget.fromAlias(new LoadBalancerTarget(alb)))
                .build();

        // ---- static assets: private S3 bucket behind CloudFront (origin access control), TLS 1.2+
        Bucket assets = Bucket.Builder.create(this, "StaticAssets")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Distribution cdn = Distribution.Builder.create(this, "StaticAssetsCdn")
                .comment("AI Finance Agency static assets")
                .domainNames(List.of(settings.staticAssetsDomain()))
                .certificate(certificate)
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021)
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(assets))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
                        .compress(true)
                        .build())
                .build();
        ARecord.Builder.create(this, "StaticAssetsRecord")
                .zone(zone)
                .recordName(settings.staticAssetsDomain())
                .target(RecordTarget.fromAlias(new CloudFrontTarget(cdn)))
                .build();

        // ---- delivery of the gateway: CodeDeploy blue/green, canary then all, rolled back on any alarm
        List<Alarm> rollbackAlarms = List.of(
                alarm("Gateway5xxRatio", "more than 1 % of gateway answers are 5xx", MathExpression.Builder.create()
                        .expression("100 * errors / MAX([errors, requests])")
                        .usingMetrics(Map.of(
                                "errors", albMetric(alb, "HTTPCode_Target_5XX_Count", "Sum"),
                                "requests", albMetric(alb, "RequestCount", "Sum")))
                        .period(Duration.minutes(1))
                        .build(), 1, 3),
                alarm("GatewayGreen5xx", "the replacement gateway answers 5xx", targetGroupMetric(alb, green,
                        "HTTPCode_Target_5XX_Count", "Sum"), 5, 2),
                alarm("GatewayUnhealthyHosts", "a gateway target is unhealthy", targetGroupMetric(alb, blue,
                        "UnHealthyHostCount", "Maximum"), 0, 3),
                alarm("GatewayLatencyP99", "p99 gateway latency above 2 s", albMetric(alb, "TargetResponseTime", "p99"),
                        2, 5));
        EcsApplication application = EcsApplication.Builder.create(this, "GatewayApplication")
                .applicationName("aifa-gateway").build();
        EcsDeploymentConfig canary = EcsDeploymentConfig.Builder.create(this, "GatewayCanary")
                .deploymentConfigName("aifa-canary-" + GATEWAY_CANARY_PERCENT + "pct-" + GATEWAY_CANARY_MINUTES + "min")
                .trafficRouting(TrafficRouting.timeBasedCanary(TimeBasedCanaryTrafficRoutingProps.builder()
                        .percentage(GATEWAY_CANARY_PERCENT)
                        .interval(Duration.minutes(GATEWAY_CANARY_MINUTES))
                        .build()))
                .build();
        EcsDeploymentGroup.Builder.create(this, "GatewayDeploymentGroup")
                .application(application)
                .deploymentGroupName("aifa-gateway")
                .service(services.get(gatewaySpec.name()))
                .deploymentConfig(canary)
                .blueGreenDeploymentConfig(EcsBlueGreenDeploymentConfig.builder()
                        .blueTargetGroup(blue)
                        .greenTargetGroup(green)
                        .listener(https)
                        .testListener(testListener)
                        .terminationWaitTime(Duration.minutes(30))
                        .build())
                .alarms(rollbackAlarms)
                .autoRollback(AutoRollbackConfig.builder()
                        .failedDeployment(true).deploymentInAlarm(true).stoppedDeployment(true).build())
                .build();

        // ---- data alarms
        alarm("DatabaseCpu", "PostgreSQL CPU above 80 %", database.metricCPUUtilization(), 80, 3);
        alarm("DatabaseFreeStorage", "less than 10 GiB of database storage left",
                database.metricFreeStorageSpace(), 10L * 1024 * 1024 * 1024, 1, ComparisonOperator.LESS_THAN_THRESHOLD);
        alarm("DatabaseConnections", "more than 800 PostgreSQL connections", database.metricDatabaseConnections(), 800, 3);
        for (int i = 0; i < replicas.size(); i++) {
            alarm("ReplicaLag" + (i + 1), "read replica " + (i + 1) + " more than 60 s behind",
                    replicas.get(i).metric("ReplicaLag", software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                            .statistic("Maximum").period(Duration.minutes(1)).build()), 60, 5);
        }
        alarm("RedisMemory", "Redis memory above 80 %", Metric.Builder.create()
                .namespace("AWS/ElastiCache").metricName("DatabaseMemoryUsagePercentage")
                .dimensionsMap(Map.of("ReplicationGroupId", redis.getRef()))
                .statistic("Maximum").period(Duration.minutes(1)).build(), 80, 5);
        alarm("RedisCpu", "Redis engine CPU above 80 %", Metric.Builder.create()
                .namespace("AWS/ElastiCache").metricName("EngineCPUUtilization")
                .dimensionsMap(Map.of("ReplicationGroupId", redis.getRef()))
                .statistic("Maximum").period(Duration.minutes(1)).build(), 80, 5);

        CfnOutput.Builder.create(this, "LoadBalancerDns").value(alb.getLoadBalancerDnsName()).build();
        CfnOutput.Builder.create(this, "DatabaseEndpoint").value(database.getDbInstanceEndpointAddress()).build();
        CfnOutput.Builder.create(this, "StaticAssetsBucket").value(assets.getBucketName()).build();
        CfnOutput.Builder.create(this, "StaticAssetsDistribution").value(cdn.getDistributionId()).build();
    }

    private static software.amazon.awscdk.services.rds.IInstanceEngine postgresEngine() {
        return DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                .version(PostgresEngineVersion.of("17.6", "17")).build());
    }

    /** A regex of the public subnets' addresses (where the ALB's nodes are), e.g. {@code 10\.20\.0\.\d+|…}. */
    static String publicSubnetPattern(Vpc vpc) {
        List<String> alternatives = new ArrayList<>();
        for (var subnet : vpc.getPublicSubnets()) {
            String cidr = subnet.getIpv4CidrBlock();
            if (!cidr.endsWith("/24")) {
                throw new IllegalStateException("public subnets are expected to be /24, not " + cidr);
            }
            String prefix = cidr.substring(0, cidr.lastIndexOf('.'));
            alternatives.add(prefix.replace(".", "\\.") + "\\.\\d+");
        }
        return String.join("|", alternatives);
    }

    /** The service's port first (the load balancer forwards to a container's first mapping), then its actuator's. */
    private static List<PortMapping> portMappings(PlatformService service) {
        List<PortMapping> mappings = new java.util.ArrayList<>();
        mappings.add(PortMapping.builder().containerPort(service.port()).name("http").build());
        if (service.managementPort() != service.port()) {
            mappings.add(PortMapping.builder().containerPort(service.managementPort()).name("management").build());
        }
        return mappings;
    }

    private SecurityGroup securityGroup(Vpc vpc, String id, String description, boolean outbound) {
        return SecurityGroup.Builder.create(this, id).vpc(vpc).description(description).allowAllOutbound(outbound).build();
    }

    private ApplicationTargetGroup gatewayTargetGroup(Vpc vpc, String id, PlatformService gateway) {
        return ApplicationTargetGroup.Builder.create(this, id)
                .vpc(vpc)
                .port(gateway.port())
                .protocol(ApplicationProtocol.HTTP)
                .targetType(TargetType.IP)
                .deregistrationDelay(Duration.seconds(30))
                .healthCheck(software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
                        // the actuator is on the management port; the public (traffic) port serves none
                        .port(String.valueOf(gateway.managementPort()))
                        .path("/actuator/health/readiness")
                        .healthyHttpCodes("200")
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                .build();
    }

    private void serviceAlarms(PlatformService service, FargateService fargate) {
        alarm(service.shortName() + "-cpu", service.name() + " CPU above 85 % (autoscaling is not keeping up)",
                fargate.metricCpuUtilization(software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                        .period(Duration.minutes(1)).build()), 85, 10);
        alarm(service.shortName() + "-memory", service.name() + " memory above 85 %",
                fargate.metricMemoryUtilization(software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                        .period(Duration.minutes(1)).build()), 85, 10);
        alarm(service.shortName() + "-running", service.name() + " has fewer running tasks than its floor",
                Metric.Builder.create().namespace("ECS/ContainerInsights").metricName("RunningTaskCount")
                        .dimensionsMap(Map.of("ClusterName", "aifa", "ServiceName", service.name()))
                        .statistic("Minimum").period(Duration.minutes(1)).build(),
                service.desiredCount(), 5, ComparisonOperator.LESS_THAN_THRESHOLD);
    }

    private void databaseBootstrapTask(DeploymentSettings settings, DatabaseInstance database,
                                       Map<String, software.amazon.awscdk.services.secretsmanager.Secret> roleSecrets,
                                       software.amazon.awscdk.services.secretsmanager.Secret redisUrl, Path roleScript) {
        String script;
        try {
            script = Files.readString(roleScript);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the database role script " + roleScript, e);
        }
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "database-bootstrap-task")
                .family("aifa-database-bootstrap")
                .cpu(256)
                .memoryLimitMiB(512)
                .build();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put("PGPASSWORD", Secret.fromSecretsManager(database.getSecret(), "password"));
        roleSecrets.forEach((schema, secret) ->
                secrets.put(schema.toUpperCase(java.util.Locale.ROOT) + "_DB_PASSWORD", Secret.fromSecretsManager(secret, "password")));
        var bouncer = software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "PgbouncerAuthSecret")
                .secretName("aifa/database/pgbouncer_auth")
                .description("password of pgbouncer_auth (used by pgbouncer on a single host; created for parity)")
                .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(40).build())
                .build();
        secrets.put("PGBOUNCER_AUTH_PASSWORD", Secret.fromSecretsManager(bouncer));
        LogGroup logs = LogGroup.Builder.create(this, "database-bootstrap-logs")
                .logGroupName("/aifa/database-bootstrap")
                .retention(RetentionDays.ONE_MONTH)
                .build();
        task.addContainer("bootstrap", ContainerDefinitionOptions.builder()
                .containerName("database-bootstrap")
                .image(ContainerImage.fromRegistry("postgres:17.6-bookworm"))
                .essential(true)
                .command(List.of("bash", "-c", script))
                .environment(Map.of(
                        "PGHOST", database.getDbInstanceEndpointAddress(),
                        "PGPORT", "5432",
                        "PGUSER", "postgres",
                        "PGSSLMODE", "require",
                        "POSTGRES_USER", "postgres",
                        "POSTGRES_DB", DATABASE_NAME))
                .secrets(secrets)
                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("bootstrap").build()))
                .build());
    }

    private Alarm alarm(String id, String description, software.amazon.awscdk.services.cloudwatch.IMetric metric,
                        double threshold, int periods) {
        return alarm(id, description, metric, threshold, periods, ComparisonOperator.GREATER_THAN_THRESHOLD);
    }

    private Alarm alarm(String id, String description, software.amazon.awscdk.services.cloudwatch.IMetric metric,
                        double threshold, int periods, ComparisonOperator comparison) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmName("aifa-" + id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .comparisonOperator(comparison)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(alarms));
        alarm.addOkAction(new SnsAction(alarms));
        return alarm;
    }

    private static Metric albMetric(ApplicationLoadBalancer alb, String name, String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/ApplicationELB").metricName(name)
                .dimensionsMap(Map.of("LoadBalancer", alb.getLoadBalancerFullName()))
                .statistic(statistic).period(Duration.minutes(1)).build();
    }

    private static Metric targetGroupMetric(ApplicationLoadBalancer alb, ApplicationTargetGroup group, String name,
                                            String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/ApplicationELB").metricName(name)
                .dimensionsMap(Map.of("LoadBalancer", alb.getLoadBalancerFullName(),
                        "TargetGroup", group.getTargetGroupFullName()))
                .statistic(statistic).period(Duration.minutes(1)).build();
    }

    /** The ECR repositories by service name, when the registry stack is deployed separately (by name lookup). */
    static Map<String, IRepository> repositoriesByName(Construct scope) {
        Map<String, IRepository> repositories = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.ALL) {
            repositories.put(service.name(), Repository.fromRepositoryName(scope, service.shortName() + "-image",
                    RegistryStack.REPOSITORY_PREFIX + service.name()));
        }
        return repositories;
    }
}
