package com.aifinance.enterprise.apiclient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.enterprise.EnterpriseTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiClientTest extends EnterpriseTest {

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();

    private final String institutionalApi = serviceToken("institutional-api-service");
    private final String subscriptionService = serviceToken("subscription-service");

    @Test
    void theSecretIsShownOnceAndOnlyItsBcryptHashIsStoredAndPublished() {
        Org org = organisationWithMembers(10);
        signContract(org.id(), 7_200_000L);

        Response created = post(path(org), org.adminToken(), Map.of("name", "Risk engine",
                "scopes", List.of("signals:read", "market-data:read")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        String clientId = created.json().get("client").get("clientId").asString();
        String secret = created.json().get("clientSecret").asString();
        assertThat(clientId).matches("inst_[a-z2-7]{24}");
        assertThat(secret).startsWith("aifa_sk_").hasSizeGreaterThan(40);
        assertThat(created.json().get("client").get("quotaPerHour").asLong()).isEqualTo(10_000L);   // 7.2 M over 720 h
        JsonNode event = events("api_client.created", org.id()).getFirst();
        assertThat(event.get("clientId").asString()).isEqualTo(clientId);
        assertThat(event.get("secretHash").asString()).startsWith("$2a$");
        assertThat(BCRYPT.matches(secret, event.get("secretHash").asString())).isTrue();
        assertThat(event.get("scopes").valueStream().map(JsonNode::asString))
                .containsExactly("market-data:read", "signals:read");
        assertThat(jdbc.sql("select count(*) from event_outbox where envelope::text like ?").param("%" + secret + "%")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where before::text like ? or after::text like ?")
                .params("%" + secret + "%", "%" + secret + "%").query(Long.class).single()).isZero();
        assertThat(get(path(org) + "/" + clientId, org.ownerToken()).body()).doesNotContain(secret).doesNotContain("$2a$");
    }

    @Test
    void clientsNeedAContractInForceAndAQuotaWithinIt() {
        Org org = organisationWithMembers(10);
        Map<String, Object> request = Map.of("name", "Bot", "scopes", List.of("signals:read"));

        Response withoutContract = post(path(org), org.adminToken(), request);
        signContract(org.id(), 1_000L);
        Response overQuota = post(path(org), org.adminToken(), Map.of("name", "Bot", "scopes",
                List.of("signals:read"), "quotaPerHour", 5_000L));
        Response badScope = post(path(org), org.adminToken(), Map.of("name", "Bot", "scopes", List.of("internal")));

        assertThat(withoutContract.status()).isEqualTo(409);
        assertThat(withoutContract.body()).contains("problems/contract-required");
        assertThat(overQuota.status()).isEqualTo(400);
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.body()).contains("problems/validation");
    }

    @Test
    void aRotatedOutSecretWorksDuringTheOverlapAndIsRefusedAfterIt() {
        Org org = organisationWithMembers(10);
        signContract(org.id(), 7_200_000L);
        JsonNode created = post(path(org), org.adminToken(), Map.of("name", "Risk engine",
                "scopes", List.of("signals:read"))).json();
        String clientId = created.get("client").get("clientId").asString();
        String oldSecret = created.get("clientSecret").asString();

        Response rotated = post(path(org) + "/" + clientId + "/rotation", org.adminToken(), Map.of("overlapHours", 2));

        String newSecret = rotated.json().get("clientSecret").asString();
        assertThat(newSecret).isNotEqualTo(oldSecret);
        JsonNode event = events("api_client.rotated", org.id()).getFirst();
        assertThat(BCRYPT.matches(newSecret, event.get("secretHash").asString())).isTrue();
        assertThat(Instant.parse(event.get("previousSecretValidUntil").asString()))
                .isBetween(clock.instant().plus(Duration.ofMinutes(119)), clock.instant().plus(Duration.ofMinutes(121)));
        assertThat(authenticate(clientId, oldSecret).json().get("secret").asString()).isEqualTo("previous");
        assertThat(authenticate(clientId, newSecret).json().get("secret").asString()).isEqualTo("current");

        clock.advance(Duration.ofHours(2).plusMinutes(1));

        Response stale = authenticate(clientId, oldSecret);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.body()).contains("problems/client-credentials-invalid").contains("\"reason\":\"secret_expired\"");
        assertThat(authenticate(clientId, newSecret).status()).isEqualTo(200);
        assertThat(get(path(org) + "/" + clientId, org.adminToken()).json().get("secrets").valueStream()
                .map(secret -> secret.get("status").asString())).containsExactly("current", "expired");
        assertThat(audit(org.id(), "api_client.stale_credentials_used")).singleElement()
                .satisfies(row -> assertThat(String.valueOf(row.get("after"))).contains("secret_expired"));
    }

    @Test
    void aSecondRotationEndsTheFirstOverlapAtOnce() {
        Org org = organisationWithMembers(10);
        signContract(org.id(), 7_200_000L);
        JsonNode created = post(path(org), org.adminToken(), Map.of("name", "Bot", "scopes", List.of("signals:read"))).json();
        String clientId = created.get("client").get("clientId").asString();
        String first = created.get("clientSecret").asString();

        String second = post(path(org) + "/" + clientId + "/rotation", org.adminToken(), null).json()
                .get("clientSecret").asString();
        String third = post(path(org) + "/" + clientId + "/rotation", org.adminToken(), null).json()
                .get("clientSecret").asString();

        assertThat(authenticate(clientId, first).status()).isEqualTo(401);
        assertThat(authenticate(clientId, second).json().get("secret").asString()).isEqualTo("previous");
        assertThat(authenticate(clientId, third).json().get("secret").asString()).isEqualTo("current");
    }

    @Test
    void aRevokedClientIsMarkedRevokedAnnouncedAndRefusedWhenStillInUse() {
        Org org = organisationWithMembers(10);
        signContract(org.id(), 7_200_000L);
        JsonNode created = post(path(org), org.adminToken(), Map.of("name", "Leaked bot",
                "scopes", List.of("signals:read"))).json();
        String clientId = created.get("client").get("clientId").asString();
        String secret = created.get("clientSecret").asString();

        Response revoked = post(path(org) + "/" + clientId + "/revocation", org.ownerToken(),
                Map.of("reason", "secret leaked in a public repository"));

        assertThat(revoked.json().get("status").asString()).isEqualTo("revoked");
        JsonNode event = events("api_client.revoked", org.id()).getFirst();
        assertThat(event.get("status").asString()).isEqualTo("revoked");
        assertThat(event.get("clientId").asString()).isEqualTo(clientId);
        assertThat(event.get("secretHash").isNull()).isTrue();
        assertThat(event.get("revokedAt").asString()).isNotBlank();

        Response stillUsed = authenticate(clientId, secret);
        Response usage = post("/api/enterprise/internal/api-clients/usage", institutionalApi, Map.of("batchId", UUID.randomUUID().toString(), "reports",
                List.of(Map.of("clientId", clientId, "requests", 5, "lastUsedAt", clock.instant().toString()))));

        assertThat(stillUsed.status()).isEqualTo(401);
        assertThat(stillUsed.body()).contains("\"reason\":\"revoked\"");
        assertThat(usage.json().get("results").get(0).get("status").asString()).isEqualTo("revoked");
        assertThat(usage.json().get("results").get(0).get("recorded").asBoolean()).isFalse();
        assertThat(get(path(org) + "/" + clientId, org.adminToken()).json().get("lastUsedAt").isNull()).isTrue();
        assertThat(audit(org.id(), "api_client.stale_credentials_used")).hasSize(2);
        assertThat(post(path(org) + "/" + clientId + "/rotation", org.adminToken(), null).status()).isEqualTo(409);
    }

    @Test
    void usageReportedByInstitutionalApiMovesTheLastUsedTimeForwardOnly() {
        Org org = organisationWithMembers(10);
        signContract(org.id(), 7_200_000L);
        String clientId = post(path(org), org.adminToken(), Map.of("name", "Bot", "scopes", List.of("signals:read")))
                .json().get("client").get("clientId").asString();
        Instant recent = clock.instant().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MICROS);

        post("/api/enterprise/internal/api-clients/usage", institutionalApi, Map.of("batchId", UUID.randomUUID().toString(), "reports",
                List.of(Map.of("clientId", clientId, "requests", 120, "lastUsedAt", recent.toString()),
                        Map.of("clientId", "inst_aaaaaaaaaaaaaaaaaaaaaaaa", "requests", 1, "lastUsedAt", recent.toString()))));
        Response late = post("/api/enterprise/internal/api-clients/usage", institutionalApi, Map.of("batchId", UUID.randomUUID().toString(), "reports",
                List.of(Map.of("clientId", clientId, "requests", 30, "lastUsedAt", recent.minusSeconds(3600).toString()))));
        Response future = post("/api/enterprise/internal/api-clients/usage", institutionalApi, Map.of("batchId", UUID.randomUUID().toString(), "reports",
                List.of(Map.of("clientId", clientId, "requests", 1, "lastUsedAt", clock.instant().plusSeconds(3600).toString()))));

        JsonNode client = get(path(org) + "/" + clientId, org.adminToken()).json();
        assertThat(Instant.parse(client.get("lastUsedAt").asString())).isEqualTo(recent);
        assertThat(client.get("requestsTotal").asLong()).isEqualTo(150);
        assertThat(late.json().get("results").get(0).get("recorded").asBoolean()).isTrue();
        assertThat(future.status()).isEqualTo(400);
        assertThat(post("/api/enterprise/internal/api-clients/usage", org.adminToken(), Map.of("batchId", UUID.randomUUID().toString(), "reports",
                List.of(Map.of("clientId", clientId, "requests", 1, "lastUsedAt", recent.toString())))).status())
                .isEqualTo(403);
    }

    @Test
    void aResentUsageBatchIsAcknowledgedAndCountedOnceButItsIdCannotCarryOtherReports() {
        Org org = organisationWithMembers(10);
        signContract(org.id(), 7_200_000L);
        String clientId = post(path(org), org.adminToken(), Map.of("name", "Bot", "scopes", List.of("signals:read")))
                .json().get("client").get("clientId").asString();
        String batchId = UUID.randomUUID().toString();
        Instant used = clock.instant().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Map<String, Object> batch = Map.of("batchId", batchId, "reports",
                List.of(Map.of("clientId", clientId, "requests", 40, "lastUsedAt", used.toString()),
                        Map.of("clientId", "inst_aaaaaaaaaaaaaaaaaaaaaaaa", "requests", 2, "lastUsedAt", used.toString())));

        Response first = post("/api/enterprise/internal/api-clients/usage", institutionalApi, batch);
        // the sender timed out before the answer and sends the same batch again
        Response resent = post("/api/enterprise/internal/api-clients/usage", institutionalApi, batch);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("duplicate").asBoolean()).isFalse();
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().get("duplicate").asBoolean()).isTrue();
        assertThat(resent.json().get("results")).isEqualTo(first.json().get("results"));
        assertThat(resent.json().get("results").get(0).get("status").asString()).isEqualTo("active");
        assertThat(resent.json().get("results").get(1).get("status").asString()).isEqualTo("unknown");
        assertThat(get(path(org) + "/" + clientId, org.adminToken()).json().get("requestsTotal").asLong()).isEqualTo(40);

        Response reused = post("/api/enterprise/internal/api-clients/usage", institutionalApi, Map.of("batchId", batchId,
                "reports", List.of(Map.of("clientId", clientId, "requests", 41, "lastUsedAt", used.toString()))));

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reused.json().get("type").asString()).endsWith("/usage-batch-conflict");
        assertThat(reused.json().get("batchId").asString()).isEqualTo(batchId);
        assertThat(get(path(org) + "/" + clientId, org.adminToken()).json().get("requestsTotal").asLong()).isEqualTo(40);

        // a new batch id counts again; a batch without an id is refused
        post("/api/enterprise/internal/api-clients/usage", institutionalApi, Map.of("batchId",
                UUID.randomUUID().toString(), "reports",
                List.of(Map.of("clientId", clientId, "requests", 40, "lastUsedAt", used.toString()))));
        assertThat(get(path(org) + "/" + clientId, org.adminToken()).json().get("requestsTotal").asLong()).isEqualTo(80);
        assertThat(post("/api/enterprise/internal/api-clients/usage", institutionalApi, Map.of("reports",
                List.of(Map.of("clientId", clientId, "requests", 1, "lastUsedAt", used.toString())))).status())
                .isEqualTo(400);
    }

    @Test
    void aBatchRefusedAsAWholeIsNotRememberedSoItsCorrectedResendIsRecorded() {
        Org org = organisationWithMembers(10);
        signContract(org.id(), 7_200_000L);
        String clientId = post(path(org), org.adminToken(), Map.of("name", "Bot", "scopes", List.of("signals:read")))
                .json().get("client").get("clientId").asString();
        String batchId = UUID.randomUUID().toString();

        Response future = post("/api/enterprise/internal/api-clients/usage", institutionalApi, Map.of("batchId", batchId,
                "reports", List.of(Map.of("clientId", clientId, "requests", 5,
                        "lastUsedAt", clock.instant().plusSeconds(3600).toString()))));
        Response corrected = post("/api/enterprise/internal/api-clients/usage", institutionalApi, Map.of("batchId",
                batchId, "reports", List.of(Map.of("clientId", clientId, "requests", 5,
                        "lastUsedAt", clock.instant().toString()))));

        assertThat(future.status()).isEqualTo(400);
        assertThat(corrected.status()).isEqualTo(200);
        assertThat(corrected.json().get("duplicate").asBoolean()).isFalse();
        assertThat(get(path(org) + "/" + clientId, org.adminToken()).json().get("requestsTotal").asLong()).isEqualTo(5);
    }

    @Test
    void subscriptionServiceCanRebuildItsClientsFromTheList() {
        Org org = organisationWithMembers(10);
        signContract(org.id(), 7_200_000L);
        String clientId = post(path(org), org.adminToken(), Map.of("name", "Bot", "scopes", List.of("signals:read")))
                .json().get("client").get("clientId").asString();
        post(path(org) + "/" + clientId + "/rotation", org.adminToken(), Map.of("overlapHours", 1));

        JsonNode listed = get("/api/enterprise/internal/api-clients", subscriptionService).json().valueStream()
                .filter(client -> client.get("clientId").asString().equals(clientId)).findFirst().orElseThrow();

        assertThat(listed.get("secretHash").asString()).startsWith("$2a$");
        assertThat(listed.get("previousSecretHash").asString()).startsWith("$2a$");
        assertThat(listed.get("previousSecretValidUntil").asString()).isNotBlank();
        assertThat(get("/api/enterprise/internal/api-clients", org.ownerToken()).status()).isEqualTo(403);
    }

    @Test
    void analystsAndOtherOrganisationsCannotManageClients() {
        Org org = organisationWithMembers(10);
        Org other = organisationWithMembers(10);
        signContract(org.id(), 7_200_000L);
        String clientId = post(path(org), org.adminToken(), Map.of("name", "Bot", "scopes", List.of("signals:read")))
                .json().get("client").get("clientId").asString();

        assertThat(post(path(org), org.analystToken(), Map.of("name", "Mine", "scopes", List.of("signals:read")))
                .status()).isEqualTo(403);
        assertThat(post(path(org) + "/" + clientId + "/revocation", other.adminToken(), null).status()).isEqualTo(403);
        assertThat(post(path(other) + "/" + clientId + "/rotation", other.adminToken(), null).status()).isEqualTo(404);
        assertThat(get(path(org) + "/" + clientId, org.adminToken()).json().get("status").asString()).isEqualTo("active");
        assertThat(events("api_client.rotated", org.id())).isEmpty();
        assertThat(audit(org.id(), "access.refused")).hasSize(3);
    }

    private Response authenticate(String clientId, String secret) {
        return post("/api/enterprise/internal/api-clients/authentication", subscriptionService,
                Map.of("clientId", clientId, "clientSecret", secret));
    }

    private static String path(Org org) {
        return "/api/enterprise/organisations/" + org.id() + "/api-clients";
    }
}
