package com.aifinance.institutional.usage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.institutional.fakes.FakeEnterprise;
import com.aifinance.institutional.fakes.FakeTokenEndpoint;
import com.aifinance.institutional.fakes.PlatformFakes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Institutional clients' usage travels from real /v1 requests through Redis and PostgreSQL to a fake enterprise-service,
 * authenticated with a token from a fake token endpoint (both mockwebserver3, speaking the real formats).
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsageReportingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    UsageLedger ledger;

    @Autowired
    UsageReporter reporter;

    @Autowired
    UsageReports reports;

    @Autowired
    UsageReportProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    private final FakeEnterprise enterprise = PlatformFakes.enterprise();
    private final FakeTokenEndpoint tokens = PlatformFakes.tokens();

    @BeforeEach
    void enterpriseIsUp() {
        enterprise.mode(FakeEnterprise.Mode.UP);
        tokens.down(false);
    }

    @AfterEach
    void nothingIsLeftPendingForTheNextTest() {
        enterprise.mode(FakeEnterprise.Mode.UP);
        tokens.down(false);
        reporter.report(Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void eachClientsRequestsAreReportedOnceWithTheTimeOfItsLatestRequest() throws Exception {
        String alpha = client();
        String beta = client();
        String subscriber = UUID.randomUUID().toString();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        call(alpha, 3);
        call(beta, 2);
        assertThat(get("/v1/usage", TestJwts.subscriber(subscriber, "pro")).statusCode()).isEqualTo(200);
        Instant after = Instant.now();

        ledger.flush();
        UsageReporter.Run run = reporter.report(Instant.now());

        assertThat(run.sent()).isPositive();
        assertThat(enterprise.total(alpha)).isEqualTo(3);
        assertThat(enterprise.total(beta)).isEqualTo(2);
        assertThat(enterprise.total(subscriber)).isZero();             // subscribers are not enterprise's clients
        assertThat(Instant.parse(enterprise.lastUsed(alpha))).isBetween(before, after);
        FakeEnterprise.Attempt attempt = lastAttemptFor(alpha);
        assertThat(attempt.status()).isEqualTo(200);
        assertThat(attempt.authorization()).startsWith("Bearer eyJ.fake-service-token-");
        assertThat(report(attempt, alpha).path("requests").asLong()).isEqualTo(3);
        assertThat(JSON.readTree(attempt.body()).path("batchId").asString()).isNotBlank();

        // nothing new, nothing sent; new requests are reported as what is new only
        int attemptsAfter = enterprise.attempts().size();
        reporter.report(Instant.now());
        assertThat(enterprise.attempts()).hasSize(attemptsAfter);
        call(alpha, 2);
        ledger.flush();
        reporter.report(Instant.now());
        assertThat(enterprise.total(alpha)).isEqualTo(5);
        assertThat(report(enterprise.attempts().getLast(), alpha).path("requests").asLong()).isEqualTo(2);
    }

    @Test
    void whileEnterpriseIsDownTheSameBatchIsRetriedAndEveryRequestIsCountedOnce() throws Exception {
        String client = client();
        double failedBefore = counter("institutional_usage_reports", "outcome", "failed");
        enterprise.mode(FakeEnterprise.Mode.DOWN);
        call(client, 4);
        ledger.flush();

        Instant now = Instant.now();
        UsageReporter.Run down = reporter.report(now);
        String firstBody = lastAttemptFor(client).body();
        call(client, 1);
        ledger.flush();
        // the first batch's retry is not due yet; the new requests form a second batch, which fails too
        UsageReporter.Run stillDown = reporter.report(now.plusSeconds(1));
        String secondBody = lastAttemptFor(client).body();

        assertThat(down.failed()).isOne();
        assertThat(stillDown.failed()).isOne();
        assertThat(secondBody).isNotEqualTo(firstBody);
        assertThat(report(lastAttemptFor(client), client).path("requests").asLong()).isOne();
        assertThat(lastAttemptFor(client).status()).isEqualTo(503);
        assertThat(enterprise.total(client)).isZero();
        assertThat(counter("institutional_usage_reports", "outcome", "failed") - failedBefore).isEqualTo(2);
        assertThat(gauge("institutional_usage_report_batches_pending")).isGreaterThanOrEqualTo(2);

        enterprise.mode(FakeEnterprise.Mode.UP);
        UsageReporter.Run back = reporter.report(now.plus(properties.retryMax()));

        assertThat(back.sent()).isGreaterThanOrEqualTo(2);
        List<FakeEnterprise.Attempt> accepted = enterprise.attempts().stream()
                .filter(attempt -> attempt.status() == 200 && mentions(attempt, client)).toList();
        assertThat(accepted).hasSize(2);
        assertThat(accepted).extracting(FakeEnterprise.Attempt::body)  // resent unchanged, never recomposed
                .containsExactly(firstBody, secondBody);
        assertThat(enterprise.total(client)).isEqualTo(5);
        assertThat(gauge("institutional_usage_report_batches_pending")).isZero();
    }

    @Test
    void aTokenEnterpriseNoLongerAcceptsIsReplacedOnceAndTheBatchGoesThrough() throws Exception {
        String client = client();
        call(client, 1);
        ledger.flush();
        reporter.report(Instant.now());                               // a token is cached now
        int issued = tokens.issued();

        tokens.rotateKeys();
        call(client, 2);
        ledger.flush();
        reporter.report(Instant.now());

        assertThat(tokens.issued()).isEqualTo(issued + 1);
        List<FakeEnterprise.Attempt> last = enterprise.attempts().subList(enterprise.attempts().size() - 2,
                enterprise.attempts().size());
        assertThat(last).extracting(FakeEnterprise.Attempt::status).containsExactly(401, 200);
        assertThat(last.get(0).authorization()).isNotEqualTo(last.get(1).authorization());
        assertThat(enterprise.total(client)).isEqualTo(3);

        call(client, 1);
        ledger.flush();
        reporter.report(Instant.now());
        assertThat(tokens.issued()).isEqualTo(issued + 1);            // the new token is reused
        assertThat(enterprise.total(client)).isEqualTo(4);
    }

    @Test
    void theTokenIsKeptUntilAMinuteBeforeItExpiresAndTheEndpointsRefusalIsReported() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        ServiceToken token = new ServiceToken(properties, new SimpleMeterRegistry(), clock);
        int issued = tokens.issued();

        String first = token.value();
        clock.advance(Duration.ofMinutes(13).plusSeconds(59));
        String stillFirst = token.value();
        clock.advance(Duration.ofSeconds(1));                         // 14 minutes: one minute before expiry
        String renewed = token.value();

        assertThat(stillFirst).isEqualTo(first);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(tokens.issued()).isEqualTo(issued + 2);

        UsageReportProperties wrongSecret = new UsageReportProperties(true, properties.enterpriseUrl(),
                properties.tokenUrl(), properties.clientId(), "not-the-secret", properties.interval(), 1000,
                properties.connectTimeout(), properties.requestTimeout(), properties.retryInitial(),
                properties.retryMax(), properties.lease());
        assertThatThrownBy(() -> new ServiceToken(wrongSecret, new SimpleMeterRegistry(), clock).value())
                .isInstanceOf(ServiceToken.Refused.class).hasMessageContaining("AIFA_CLIENT_SECRET")
                .hasMessageNotContaining("not-the-secret");
        tokens.down(true);
        assertThatThrownBy(() -> new ServiceToken(properties, new SimpleMeterRegistry(), clock).value())
                .isInstanceOf(ServiceToken.Unavailable.class);
    }

    @Test
    void whenTheTokenEndpointIsDownNothingIsLostAndTheBatchIsSentLater() throws Exception {
        String client = client();
        call(client, 2);
        ledger.flush();
        tokens.rotateKeys();                                          // the cached token stops working
        tokens.down(true);

        Instant now = Instant.now();
        UsageReporter.Run run = reporter.report(now);

        assertThat(run.failed()).isOne();
        assertThat(enterprise.total(client)).isZero();
        tokens.down(false);
        reporter.report(now.plus(properties.retryMax()));
        assertThat(enterprise.total(client)).isEqualTo(2);
    }

    @Test
    void aBatchEnterpriseRefusesIsSetAsideAndTheNextOneStillGoesThrough() throws Exception {
        String refusedClient = client();
        call(refusedClient, 1);
        ledger.flush();
        enterprise.mode(FakeEnterprise.Mode.REFUSE_NEXT);

        UsageReporter.Run refused = reporter.report(Instant.now());
        String client = client();
        call(client, 2);
        ledger.flush();
        UsageReporter.Run next = reporter.report(Instant.now());

        assertThat(refused.rejected()).isOne();
        assertThat(jdbc.sql("select status from usage_report_batches where reports @> ?::jsonb")
                .param("[{\"clientId\": \"" + refusedClient + "\"}]").query(String.class).single()).isEqualTo("rejected");
        assertThat(next.sent()).isOne();
        assertThat(enterprise.total(client)).isEqualTo(2);
        assertThat(counter("institutional_usage_reports", "outcome", "rejected")).isPositive();
    }

    @Test
    void aClientEnterpriseCallsRevokedIsRefusedHereEvenBeforeTheRevocationEventArrives() throws Exception {
        String client = client();
        call(client, 1);
        ledger.flush();
        enterprise.revoked(client);

        reporter.report(Instant.now());

        HttpResponse<String> refused = get("/v1/usage", token(client));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("type").asString()).endsWith("problems/contract-inactive");
        assertThat(enterprise.total(client)).isZero();
    }

    @Test
    void aCountingBatchReadTwiceFromRedisIsAddedOnce() {
        String caller = "inst_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        long hour = Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond();
        long lastAt = Instant.now().toEpochMilli();
        String batch = UUID.randomUUID().toString();
        Map<String, String> fields = Map.of(caller + "|institutional|" + hour + "|c", "7",
                caller + "|institutional|" + hour + "|c|last", String.valueOf(lastAt));

        redis.opsForHash().putAll(UsageLedger.BATCH_PREFIX + batch, fields);
        redis.opsForSet().add(UsageLedger.BATCHES, batch);
        ledger.flush();
        // the same batch seen again: its deletion failed, or the process died right after the commit
        redis.opsForHash().putAll(UsageLedger.BATCH_PREFIX + batch, fields);
        redis.opsForSet().add(UsageLedger.BATCHES, batch);
        ledger.flush();

        assertThat(jdbc.sql("select requests from api_usage where caller = ?").param(caller).query(Long.class).single())
                .isEqualTo(7);
        assertThat(jdbc.sql("select last_request_at from api_usage where caller = ?").param(caller)
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(Instant.ofEpochMilli(lastAt));
        assertThat(redis.hasKey(UsageLedger.BATCH_PREFIX + batch)).isFalse();
        assertThat(redis.opsForSet().isMember(UsageLedger.BATCHES, batch)).isFalse();
    }

    @Test
    void moreClientsThanABatchTakesAreSplitAcrossBatches() throws Exception {
        List<String> clients = List.of(client(), client(), client());
        for (String client : clients) {
            call(client, 1);
        }
        ledger.flush();

        int composed = reports.compose(Instant.now(), 2);

        assertThat(composed).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select max(clients) from usage_report_batches where status = 'pending'")
                .query(Integer.class).single()).isLessThanOrEqualTo(2);
        reporter.report(Instant.now());
        assertThat(clients).allSatisfy(client -> assertThat(enterprise.total(client)).isOne());
    }

    // ---- helpers

    private static String client() {
        return "inst_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static String token(String client) {
        return TestJwts.token().subject(client).tier("institutional").organisation("org-usage")
                .roles("institutional_client").scope("signals:read market-data:read").sign();
    }

    private void call(String client, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            HttpResponse<String> response = get("/v1/usage", token(client));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode report(FakeEnterprise.Attempt attempt, String client) {
        return attempt.reports().valueStream().filter(report -> report.path("clientId").asString().equals(client))
                .findFirst().orElseThrow(() -> new AssertionError(client + " not in " + attempt.body()));
    }

    private static boolean mentions(FakeEnterprise.Attempt attempt, String client) {
        return attempt.body().contains("\"" + client + "\"");
    }

    private FakeEnterprise.Attempt lastAttemptFor(String client) {
        return enterprise.attempts().reversed().stream().filter(attempt -> mentions(attempt, client)).findFirst()
                .orElseThrow();
    }

    private double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
