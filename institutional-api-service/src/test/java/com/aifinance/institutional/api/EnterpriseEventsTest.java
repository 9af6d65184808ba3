package com.aifinance.institutional.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast and how firmly the /v1 API follows enterprise-service: events are written to {@code aifa.enterprise} as
 * enterprise's outbox relay writes them and reach the API through the service's real consumer group.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EnterpriseEventsTest {

    /** The consumer blocks 2 s per read; a few seconds is what "at once" means for a revocation. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = new JsonMapper();
    private static final Logger log = LoggerFactory.getLogger(EnterpriseEventsTest.class);

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ClientQuotas quotas;

    @Test
    void aRevokedClientIsRefusedWithinSecondsOfTheRevocationReachingTheStream() throws Exception {
        String organisation = "org-" + UUID.randomUUID();
        String client = client();
        publish(contract("contract.signed", organisation, today().minusMonths(1), today().plusMonths(11)));
        publish(apiClient("api_client.created", organisation, client, 50));
        await().atMost(PROMPTLY).until(() -> status(client, organisation) == 200);

        Instant revokedAt = Instant.now();
        publish(apiClient("api_client.revoked", organisation, client, 50));

        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(50)).until(() -> status(client, organisation) == 403);
        Duration took = Duration.between(revokedAt, Instant.now());
        log.info("api_client.revoked: {} ms from the stream entry to the first 403", took.toMillis());
        assertThat(took).isLessThan(PROMPTLY);
        assertThat(problemType(client, organisation)).endsWith("problems/contract-inactive");
    }

    @Test
    void anExpiredContractRefusesItsClientsWithinSecondsOfTheExpiryReachingTheStream() throws Exception {
        String organisation = "org-" + UUID.randomUUID();
        String client = client();
        Map<String, Object> signed = contract("contract.signed", organisation, today().minusMonths(1),
                today().plusMonths(11));
        publish(signed);
        publish(apiClient("api_client.created", organisation, client, 50));
        await().atMost(PROMPTLY).until(() -> status(client, organisation) == 200);

        Map<String, Object> expired = new LinkedHashMap<>(signed);
        expired.put("type", "contract.expired");
        Instant expiredAt = Instant.now();
        publish(expired);

        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(50)).until(() -> status(client, organisation) == 403);
        log.info("contract.expired: {} ms from the stream entry to the first 403",
                Duration.between(expiredAt, Instant.now()).toMillis());
        assertThat(problemType(client, organisation)).endsWith("problems/contract-inactive");
    }

    @Test
    void aLateOrRedeliveredOlderEventCannotReviveARevokedClientOrAnExpiredContract() throws Exception {
        String organisation = "org-" + UUID.randomUUID();
        String client = client();
        Map<String, Object> signed = contract("contract.signed", organisation, today().minusMonths(1),
                today().plusMonths(11));
        apply(signed);
        apply(apiClient("api_client.created", organisation, client, 50));
        apply(apiClient("api_client.revoked", organisation, client, 50));
        // an older entry retried after the newer one (XAUTOCLAIM hands a failed entry back later)
        apply(apiClient("api_client.rotated", organisation, client, 50));
        assertThat(status(client, organisation)).isEqualTo(403);

        String other = client();
        String otherOrganisation = "org-" + UUID.randomUUID();
        Map<String, Object> otherSigned = contract("contract.signed", otherOrganisation, today().minusMonths(1),
                today().plusMonths(11));
        Map<String, Object> otherExpired = new LinkedHashMap<>(otherSigned);
        otherExpired.put("type", "contract.expired");
        apply(otherSigned);
        apply(otherExpired);
        apply(otherSigned);
        assertThat(status(other, otherOrganisation)).isEqualTo(403);
    }

    @Test
    void theContractInForceTodayDecidesTheQuotaNotTheOneEndingLast() throws Exception {
        String organisation = "org-" + UUID.randomUUID();
        String client = client();
        LocalDate start = today().minusMonths(6);
        apply(contract("contract.signed", organisation, start, start.plusYears(1).minusDays(1), 300_000));
        // the renewal is signed months ahead and starts when the current term ends
        apply(contract("contract.renewed", organisation, start.plusYears(1), start.plusYears(2).minusDays(1), 900_000));

        HttpResponse<String> now = get(client, organisation);
        assertThat(now.statusCode()).isEqualTo(200);
        assertThat(now.headers().firstValue("X-Quota-Month-Limit")).hasValue("300000");

        String between = "org-" + UUID.randomUUID();
        Map<String, Object> ended = contract("contract.signed", between, today().minusYears(1),
                today().minusDays(1), 300_000);
        ended.put("type", "contract.expired");
        apply(ended);
        apply(contract("contract.signed", between, today().plusMonths(1), today().plusMonths(13).minusDays(1), 300_000));
        assertThat(get(client(), between).statusCode()).isEqualTo(403);   // no contract in force until next month
    }

    // ---- events as enterprise-service publishes them (docs/enterprise.md)

    private static Map<String, Object> apiClient(String type, String organisation, String client, int quotaPerHour) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("organisationId", organisation);
        data.put("clientId", client);
        data.put("name", "Risk desk");
        data.put("scopes", List.of("signals:read"));
        data.put("quotaPerHour", quotaPerHour);
        data.put("secretHash", type.endsWith("revoked") ? null : "$2a$12$abcdefghijklmnopqrstuv");
        data.put("status", type.endsWith("revoked") ? "revoked" : "active");
        return data;
    }

    private static Map<String, Object> contract(String type, String organisation, LocalDate start, LocalDate end) {
        return contract(type, organisation, start, end, 1_000_000);
    }

    private static Map<String, Object> contract(String type, String organisation, LocalDate start, LocalDate end,
                                                long quota) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("contractId", UUID.randomUUID().toString());
        data.put("organisationId", organisation);
        data.put("annualValueMinor", 12_000_000);
        data.put("currency", "USD");
        data.put("startDate", start.toString());
        data.put("endDate", end.toString());
        data.put("requestQuotaPerMonth", quota);
        return data;
    }

    private static EventEnvelope envelope(Map<String, Object> typed) {
        Map<String, Object> data = new LinkedHashMap<>(typed);
        String type = (String) data.remove("type");
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(), "/enterprise-service", type,
                null, Instant.now().truncatedTo(ChronoUnit.MILLIS), "application/json", JSON.valueToTree(data), null);
    }

    /** Onto the stream, one entry with the CloudEvent in {@code event}, as the outbox relay writes it. */
    private void publish(Map<String, Object> typed) {
        redis.opsForStream().add(StreamRecords.string(Map.of("event", JSON.writeValueAsString(envelope(typed))))
                .withStreamKey(EventStreams.ENTERPRISE));
    }

    /** Straight into the handler, for orderings the stream itself would not produce on demand. */
    private void apply(Map<String, Object> typed) {
        EnterpriseEvents.apply(envelope(typed), quotas);
    }

    private static String client() {
        return "inst_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private int status(String client, String organisation) throws Exception {
        return get(client, organisation).statusCode();
    }

    private String problemType(String client, String organisation) throws Exception {
        return JSON.readTree(get(client, organisation).body()).path("type").asString();
    }

    private HttpResponse<String> get(String client, String organisation) throws Exception {
        String token = TestJwts.token().subject(client).tier("institutional").roles("institutional_client")
                .organisation(organisation).scope("signals:read").sign();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/signals?limit=1"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
