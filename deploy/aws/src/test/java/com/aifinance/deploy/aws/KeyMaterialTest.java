package com.aifinance.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key generator's Lambda code (key-material.js, inline in the template) run by the machine's Node.js, with the
 * AWS SDK's Secrets Manager client replaced by a stand-in holding one secret; the keys it writes are read the way the
 * services read them.
 */
class KeyMaterialTest {

    private static final String SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:aifa/x-AbCdEf";
    /** What CloudFormation puts into the secret first (KeyMaterial: 32 letters and digits), which is no key. */
    private static final String STAND_IN = "Q8tWbV2xkR7nZpL4mH9sJ3cF6yD1gA5e";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path lambda;

    @BeforeAll
    static void install() throws IOException {
        Files.writeString(lambda.resolve("index.js"), KeyMaterial.handlerSource());
        Path sdk = Files.createDirectories(lambda.resolve("node_modules/@aws-sdk/client-secrets-manager"));
        Files.writeString(sdk.resolve("index.js"), """
                // stand-in for the SDK: one secret, starting with $STORED; records the commands sent
                let stored = process.env.STORED;
                const sent = [];
                class GetSecretValueCommand { constructor(input) { this.kind = 'get'; this.input = input; } }
                class PutSecretValueCommand { constructor(input) { this.kind = 'put'; this.input = input; } }
                class SecretsManagerClient {
                  async send(command) {
                    sent.push(command.kind + ' ' + command.input.SecretId);
                    if (command.kind === 'get') return { SecretString: stored };
                    stored = command.input.SecretString;
                    return {};
                  }
                }
                module.exports = { SecretsManagerClient, GetSecretValueCommand, PutSecretValueCommand,
                  sent, stored: () => stored };
                """);
        Files.writeString(lambda.resolve("run.js"), """
                const sdk = require('@aws-sdk/client-secrets-manager');
                const { handler } = require('./index.js');
                handler(JSON.parse(process.argv[2]))
                  .then(result => ({ result }), error => ({ error: error.message }))
                  .then(outcome => console.log(JSON.stringify({ ...outcome, stored: sdk.stored(), sent: sdk.sent })));
                """);
    }

    @Test
    void theStandInIsReplacedByAPkcs8RsaKeyTheWaySubscriptionServiceReadsIt() throws Exception {
        JsonNode run = run("Create", "rsa-2048-pkcs8-pem", STAND_IN);
        String pem = run.path("stored").asString();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        // subscription-service (SigningKeys.Pem): the armour and whitespace dropped, PKCS#8 DER
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        var key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        // CloudFormation learns nothing but an id: no key material in the response
        assertThat(JSON.writeValueAsString(run.path("result"))).isEqualTo(
                "{\"PhysicalResourceId\":\"key-material:" + SECRET + "\"}");
        assertThat(run.path("sent").toString()).contains("get " + SECRET).contains("put " + SECRET);
    }

    @Test
    void aesKeysAreThirtyTwoRandomBytesInBase64AndDifferEachTime() throws Exception {
        String first = run("Create", "aes-256-base64", STAND_IN).path("stored").asString();
        String second = run("Update", "aes-256-base64", STAND_IN).path("stored").asString();
        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(Base64.getDecoder().decode(second)).hasSize(32);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aKeyAlreadyInTheSecretIsNeverReplacedAndDeletingLeavesTheSecretAlone() throws Exception {
        // an AES key an operator rotated to (32 bytes), and a signing key as one line, as it is kept in .env
        String aes = Base64.getEncoder().encodeToString("thirty-two bytes of an AES key!!".getBytes(StandardCharsets.UTF_8));
        JsonNode update = run("Update", "aes-256-base64", aes);
        assertThat(update.path("stored").asString()).isEqualTo(aes);
        assertThat(update.path("sent").toString()).doesNotContain("put");
        String pem = run("Create", "rsa-2048-pkcs8-pem", STAND_IN).path("stored").asString().replace("\n", "");
        assertThat(run("Update", "rsa-2048-pkcs8-pem", pem).path("stored").asString()).isEqualTo(pem);

        JsonNode delete = run("Delete", "aes-256-base64", "kept");
        assertThat(delete.path("sent").size()).isZero();
        assertThat(delete.path("result").path("PhysicalResourceId").asString()).isEqualTo("key-material:" + SECRET);
    }

    @Test
    void anUnknownKindFailsTheDeploymentWithoutTouchingTheSecret() throws Exception {
        JsonNode run = run("Create", "des-56", STAND_IN);
        assertThat(run.path("error").asString()).contains("unknown key kind: des-56");
        assertThat(run.path("stored").asString()).isEqualTo(STAND_IN);
        assertThat(run.path("sent").size()).isZero();
    }

    private static JsonNode run(String requestType, String kind, String stored) throws Exception {
        String event = JSON.writeValueAsString(Map.of("RequestType", requestType,
                "ResourceProperties", Map.of("SecretId", SECRET, "Kind", kind)));
        Path output = lambda.resolve("out-" + System.nanoTime() + ".json");
        ProcessBuilder node = new ProcessBuilder(List.of("node", "run.js", event))
                .directory(lambda.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        node.environment().put("STORED", stored);
        Process process = node.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return JSON.readTree(text.lines().reduce((first, last) -> last).orElseThrow());
    }
}
