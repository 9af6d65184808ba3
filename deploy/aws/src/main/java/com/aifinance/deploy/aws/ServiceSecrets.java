package com.aifinance.deploy.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * What services need beyond the settings every service shares (deploy/production-settings.txt lists the same for
 * both deployments; PlatformStackTest checks the tasks against it):
 * <ul>
 * <li>one generated secret per platform client ({@code aifa/clients/<client>}), given to subscription-service as
 * {@code AIFA_CLIENT_SECRET_<CLIENT>} and to the client's holder, and to no other task;</li>
 * <li>keys CloudFormation cannot generate, written once by {@link KeyMaterial};</li>
 * <li>optional secrets, created with every key empty (the feature is off) for an operator to fill in;</li>
 * <li>plain settings production needs that differ from the services' local defaults.</li>
 * </ul>
 * Vendor credentials stay in each service's JSON app secret ({@code aifa/<service>/app}, SPRING_APPLICATION_JSON).
 */
final class ServiceSecrets {

    private final Map<String, Map<String, Secret>> secrets = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environment = new LinkedHashMap<>();
    private final KeyMaterial keys;

    ServiceSecrets(Construct scope) {
        for (PlatformClient client : PlatformClient.ALL) {
            var secret = software.amazon.awscdk.services.secretsmanager.Secret.Builder
                    .create(scope, "client-" + client.clientId() + "-secret")
                    .secretName("aifa/clients/" + client.clientId())
                    .description("OAuth2 client secret of " + client.clientId() + ", shared by subscription-service and "
                            + client.holder() + " only")
                    .generateSecretString(SecretStringGenerator.builder()
                            .excludePunctuation(true).passwordLength(48).build())
                    .build();
            secret("subscription-service", client.registryVariable(), Secret.fromSecretsManager(secret));
            secret(client.holder(), client.holderVariable(), Secret.fromSecretsManager(secret));
            if (client.isServiceClient()) {
                setting(client.holder(), "AIFA_CLIENT_ID", client.clientId());
            }
        }

        keys = new KeyMaterial(scope, "KeyMaterial");
        // one key for every subscription-service task: tokens signed by one verify at all, whichever served the JWKS
        secret("subscription-service", "AIFA_SIGNING_KEY", Secret.fromSecretsManager(keys.secret("SigningKey",
                "aifa/subscription-service/signing-key", "Token signing key of subscription-service (PKCS#8 PEM)",
                KeyMaterial.Kind.RSA_2048_PKCS8_PEM)));
        secret("subscription-service", "AIFA_ENCRYPTION_KEY", Secret.fromSecretsManager(keys.secret("EncryptionKey",
                "aifa/subscription-service/encryption-key", "Encrypts TOTP secrets at rest (AES-256, base64)",
                KeyMaterial.Kind.AES_256_BASE64)));
        secret("enterprise-service", "AIFA_ENTERPRISE_SECRET_KEY", Secret.fromSecretsManager(keys.secret(
                "EnterpriseSecretKey", "aifa/enterprise-service/secret-key",
                "Encrypts organisations' SSO client secrets at rest (AES-256, base64)", KeyMaterial.Kind.AES_256_BASE64)));
        secret("institutional-api-service", "AIFA_WEBHOOK_ENCRYPTION_KEY", Secret.fromSecretsManager(keys.secret(
                "WebhookEncryptionKey", "aifa/institutional-api-service/webhook-encryption-key",
                "Encrypts webhook signing secrets at rest (AES-256, base64)", KeyMaterial.Kind.AES_256_BASE64)));

        optional(scope, "subscription-service", "federated-login", "Federated login: Google's and LinkedIn's OAuth "
                        + "clients (empty = not offered); callback https://<domain>/login/federated/callback/<provider>",
                List.of("AIFA_GOOGLE_CLIENT_ID", "AIFA_GOOGLE_CLIENT_SECRET", "AIFA_LINKEDIN_CLIENT_ID",
                        "AIFA_LINKEDIN_CLIENT_SECRET"));
        optional(scope, "monitoring-service", "probe-client", "The synthetic journeys' institutional client, created "
                        + "through enterprise-service after the first deployment (docs/deployment.md)",
                List.of("AIFA_PROBE_CLIENT_ID", "AIFA_PROBE_CLIENT_SECRET"));

        // ElastiCache refuses CONFIG: the parameter group turns on the keyspace notifications Spring Session needs
        setting("subscription-service", "AIFA_SESSION_REDIS_CONFIGURE_ACTION", "none");
        // refuses to start without AIFA_ENCRYPTION_KEY or with the tests' key (docs/identity.md)
        setting("subscription-service", "SPRING_PROFILES_ACTIVE", "production");
        // the hub's sessions use Spring Session's default repository (no CONFIG); kept off should it become indexed
        setting("dashboard-hub-service", "SPRING_SESSION_DATA_REDIS_CONFIGURE_ACTION", "none");
        setting("dashboard-hub-service", "AIFA_SECURE_COOKIES", "true");
        // refuses the built-in development webhook key; no simulated instruments in production (docs/signals.md)
        setting("institutional-api-service", "SPRING_PROFILES_ACTIVE", "production");
        setting("institutional-api-service", "AIFA_SIMULATED_MARKET_ENABLED", "false");
    }

    /** The ECS secrets of {@code service}'s task beyond the shared ones, by variable. */
    Map<String, Secret> secretsOf(String service) {
        return secrets.getOrDefault(service, Map.of());
    }

    /** The plain settings of {@code service}'s task beyond the shared ones. */
    Map<String, String> environmentOf(String service) {
        return environment.getOrDefault(service, Map.of());
    }

    /** The generated keys: tasks that read them start only after they are written. */
    KeyMaterial keyMaterial() {
        return keys;
    }

    private void optional(Construct scope, String service, String name, String description, List<String> variables) {
        Map<String, SecretValue> empty = new LinkedHashMap<>();
        variables.forEach(variable -> empty.put(variable, SecretValue.unsafePlainText("")));
        var secret = software.amazon.awscdk.services.secretsmanager.Secret.Builder
                .create(scope, service.replace("-service", "") + "-" + name + "-secret")
                .secretName("aifa/" + service + "/" + name)
                .description(description + ". Keep every key: a task asking for a missing key does not start.")
                .secretObjectValue(empty)
                .build();
        variables.forEach(variable -> secret(service, variable, Secret.fromSecretsManager(secret, variable)));
    }

    private void secret(String service, String variable, Secret secret) {
        if (secrets.computeIfAbsent(service, any -> new LinkedHashMap<>()).put(variable, secret) != null) {
            throw new IllegalStateException(service + " gets " + variable + " twice");
        }
    }

    private void setting(String service, String variable, String value) {
        environment.computeIfAbsent(service, any -> new LinkedHashMap<>()).put(variable, value);
    }
}
