package com.aifinance.institutional.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.aifinance.institutional.webhooks.SecretCipherRotationTest.OLD_KEY;
import static com.aifinance.institutional.webhooks.SecretCipherRotationTest.NEW_KEY;
import static com.aifinance.institutional.webhooks.SecretCipherRotationTest.cipher;
import static com.aifinance.institutional.webhooks.SecretCipherRotationTest.legacyCiphertext;
import static com.aifinance.institutional.webhooks.SecretCipherRotationTest.properties;
import static org.assertj.core.api.Assertions.assertThat;

/** After a key rotation every stored secret moves onto the new key, so the previous key can be dropped. */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecretReencryptionTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String client = "reencryption-client-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretCipher configuredCipher;

    @AfterEach
    void removeEndpoints() {
        jdbc.sql("delete from webhook_endpoints where client_id = ?").param(client).update();
    }

    @Test
    void rowsStillOnThePreviousKeyAreReEncryptedWithTheCurrentOneAndKeepSigning() {
        SecretCipher old = cipher(OLD_KEY, null);
        UUID rotated = insert(old.encrypt("whsec_current"), old.encrypt("whsec_previous"));
        UUID plain = insert(old.encrypt("whsec_only"), null);

        SecretCipher current = cipher(NEW_KEY, OLD_KEY);
        WebhookEndpoints endpoints = new WebhookEndpoints(jdbc, current, Clock.systemUTC());
        SecretReencryption reencryption = new SecretReencryption(endpoints, current, properties(NEW_KEY, OLD_KEY));

        SecretReencryption.Result first = reencryption.run();
        assertThat(first.reencrypted()).isGreaterThanOrEqualTo(2);
        assertThat(first.failedEndpoints()).doesNotContain(rotated, plain);

        for (UUID id : new UUID[] {rotated, plain}) {
            var row = jdbc.sql("select secret_ciphertext, previous_secret_ciphertext from webhook_endpoints where id = ?")
                    .param(id).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
            assertThat(current.isCurrent(row[0])).isTrue();
            assertThat(row[1] == null || current.isCurrent(row[1])).isTrue();
        }
        // the new key alone now reads them: the previous one can go
        WebhookEndpoints newKeyOnly = new WebhookEndpoints(jdbc, cipher(NEW_KEY, null), Clock.systemUTC());
        assertThat(newKeyOnly.signingSecrets(rotated, Instant.now())).containsExactly("whsec_current", "whsec_previous");
        assertThat(newKeyOnly.signingSecrets(plain, Instant.now())).containsExactly("whsec_only");

        // a second run has nothing left to do for these rows
        SecretReencryption.Result second = reencryption.run();
        assertThat(second.failedEndpoints()).doesNotContain(rotated, plain);
        assertThat(jdbc.sql("select count(*) from webhook_endpoints where client_id = ? and not starts_with(secret_ciphertext, ?)")
                .params(client, "v1." + current.currentKeyId() + ".").query(Integer.class).single()).isZero();
    }

    @Test
    void aRowUnderAnUnknownKeyIsReportedAndLeftAsItIs() {
        String foreign = cipher(SecretCipherRotationTest.randomKey(), null).encrypt("whsec_foreign");
        UUID id = insert(foreign, null);
        SecretCipher current = cipher(NEW_KEY, OLD_KEY);
        var reencryption = new SecretReencryption(new WebhookEndpoints(jdbc, current, Clock.systemUTC()), current,
                properties(NEW_KEY, OLD_KEY));

        SecretReencryption.Result result = reencryption.run();

        assertThat(result.failedEndpoints()).contains(id);
        assertThat(result.remaining()).isPositive();
        assertThat(jdbc.sql("select secret_ciphertext from webhook_endpoints where id = ?").param(id)
                .query(String.class).single()).isEqualTo(foreign);
    }

    @Test
    void opsReEncryptSecretsStoredBeforeKeyIdsThroughTheApiAndOthersMayNot() throws Exception {
        byte[] developmentKey = MessageDigest.getInstance("SHA-256")
                .digest("aifa local development webhook key".getBytes(StandardCharsets.UTF_8));
        UUID legacy = insert(legacyCiphertext(developmentKey, "whsec_legacy"), null);

        String opsToken = TestJwts.token().subject("ops-" + UUID.randomUUID()).roles("ops").sign();
        String clientToken = TestJwts.token().subject(client).tier("institutional").roles("institutional_client")
                .scope("signals:read webhooks:manage").sign();

        assertThat(post("/v1/ops/webhook-secrets/re-encrypt", clientToken).statusCode()).isEqualTo(403);
        HttpResponse<String> response = post("/v1/ops/webhook-secrets/re-encrypt", opsToken);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JsonMapper.builder().build().readTree(response.body());
        assertThat(body.path("currentKeyId").asString()).isEqualTo(configuredCipher.currentKeyId());
        assertThat(body.path("reencrypted").asInt()).isPositive();

        String stored = jdbc.sql("select secret_ciphertext from webhook_endpoints where id = ?").param(legacy)
                .query(String.class).single();
        assertThat(stored).startsWith("v1." + configuredCipher.currentKeyId() + ".");
        assertThat(configuredCipher.decrypt(stored)).isEqualTo("whsec_legacy");
    }

    private UUID insert(String secretCiphertext, String previousCiphertext) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        insert into webhook_endpoints (id, client_id, url, secret_ciphertext, previous_secret_ciphertext,
                            previous_secret_valid_until, created_at, secret_rotated_at) values (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(id, client, "https://hooks.example.com/" + id, secretCiphertext, previousCiphertext,
                        previousCiphertext == null ? null : Timestamp.from(Instant.now().plusSeconds(3600)), now, now)
                .update();
        return id;
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
