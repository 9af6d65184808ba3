package com.aifinance.deploy.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Secrets whose value CloudFormation cannot generate: an RSA private key in PKCS#8 PEM (the token signing key) and
 * AES-256 keys in base64 (Secrets Manager's generator makes passwords, not keys of an exact length). Each secret is
 * created by CloudFormation with a generated password, which is no key, so the template never holds a value that a
 * later update could write back; a custom resource (key-material.js on Lambda) then replaces it with a key once. A
 * secret that holds a key of its kind is never touched again: redeploying keeps the keys, rotating them is an
 * operator's step.
 */
final class KeyMaterial extends Construct {

    static final String RESOURCE_TYPE = "Custom::AifaKeyMaterial";

    enum Kind {
        RSA_2048_PKCS8_PEM("rsa-2048-pkcs8-pem"),
        AES_256_BASE64("aes-256-base64");

        final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }
    }

    private final Function generator;
    private final Provider provider;

    KeyMaterial(Construct scope, String id) {
        super(scope, id);
        generator = Function.Builder.create(this, "Generator")
                .description("Writes generated keys into Aifa's key secrets once (deploy/aws KeyMaterial)")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline(handlerSource()))
                .memorySize(256)
                .timeout(Duration.minutes(1))
                .logGroup(LogGroup.Builder.create(this, "GeneratorLogs")
                        .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build())
                .build();
        provider = Provider.Builder.create(this, "Provider").onEventHandler(generator).build();
    }

    /**
     * A secret named {@code name} that will hold a generated key of {@code kind}. It is retained when removed from
     * the stack: what it encrypted (TOTP secrets, SSO and webhook secrets) cannot be read without it.
     */
    Secret secret(String id, String name, String description, Kind kind) {
        Secret secret = Secret.Builder.create(this, id)
                .secretName(name)
                .description(description + " (generated once by deploy/aws KeyMaterial)")
                // a stand-in until the key is written: 32 letters and digits are not a key of either kind
                .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(32).build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        secret.grantRead(generator);
        secret.grantWrite(generator);
        CustomResource.Builder.create(this, id + "Generated")
                .serviceToken(provider.getServiceToken())
                .resourceType(RESOURCE_TYPE)
                .properties(Map.of("SecretId", secret.getSecretArn(), "Kind", kind.wireName))
                .build();
        return secret;
    }

    /** The Lambda's code (inline: it needs nothing beyond the Node.js runtime and its bundled AWS SDK). */
    static String handlerSource() {
        try (InputStream in = KeyMaterial.class.getResourceAsStream("key-material.js")) {
            if (in == null) {
                throw new IllegalStateException("key-material.js is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
