package com.aifinance.gateway.ratelimit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hourly limits per subject, organisation, institutional client and anonymous address, and the evasions of issue 3:
 * the allowance belongs to the caller, not to the spelling of the path or to one token.
 */
class RateLimitTest extends GatewayTestSupport {

    private static final String PATH = "/api/analytics/mrr";
    private static final int NONE_TIER_LIMIT = 20;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void responsesTellTheCallerItsLimitWhatRemainsAndWhenItRenews() {
        String token = TestJwts.subscriber(UUID.randomUUID().toString(), "pro");
        long now = Instant.now().getEpochSecond();

        call(PATH, token).expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Limit", "1000")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "999")
                .expectHeader().value("X-RateLimit-Reset", reset ->
                        assertThat(Long.parseLong(reset)).isBetween(now + 3590, now + 3602));
        call(PATH, token).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "998");
    }

    @Test
    void callerOverItsLimitGetsA429ProblemWithRetryAfterAndTheServiceIsNotCalled() {
        String token = TestJwts.subscriber(UUID.randomUUID().toString(), "none");
        useUp(token);
        int before = upstreams.requestCount("analytics");
        double rejected = count("gateway.rate.limit.decisions", "tier", "none", "outcome", "rejected");

        call(PATH, token).expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("X-RateLimit-Limit", "20")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader().value("Retry-After", retry -> assertThat(Long.parseLong(retry)).isBetween(3500L, 3600L))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/rate-limited")
                .jsonPath("$.limit").isEqualTo(20);

        assertThat(upstreams.requestCount("analytics")).isEqualTo(before);
        assertThat(count("gateway.rate.limit.decisions", "tier", "none", "outcome", "rejected"))
                .isEqualTo(rejected + 1);
    }

    @Test
    void changingTheCaseOfThePathDoesNotOpenANewAllowance() throws Exception {
        String token = TestJwts.subscriber(UUID.randomUUID().toString(), "none");
        useUp(token);

        call("/API/ANALYTICS/MRR", token).expectStatus().isEqualTo(429);
        call("/api/Analytics/Mrr", token).expectStatus().isEqualTo(429);
    }

    @Test
    void aTrailingSlashDoesNotOpenANewAllowance() {
        String token = TestJwts.subscriber(UUID.randomUUID().toString(), "none");
        useUp(token);

        call(PATH + "/", token).expectStatus().isEqualTo(429);
        call(PATH + "//", token).expectStatus().isEqualTo(429);
    }

    @Test
    void urlEncodingThePathDoesNotOpenANewAllowance() throws Exception {
        String token = TestJwts.subscriber(UUID.randomUUID().toString(), "none");
        useUp(token);

        for (String encoded : new String[] {"/api/%61nalytics/mrr", "/%61%70%69/analytics/%6D%72%72",
                "/api/analytics/mrr%2F", "/api/analytics/%2e%2e/analytics/mrr"}) {
            HttpResponse<String> response = rawGet(encoded, "Authorization", "Bearer " + token);
            assertThat(response.statusCode()).as(encoded).isIn(429, 400);
        }
        assertThat(rawGet("/api/%61nalytics/mrr", "Authorization", "Bearer " + token).statusCode()).isEqualTo(429);
    }

    @Test
    void aSecondTokenOfTheSameSubjectSpendsTheSameAllowance() {
        String subject = UUID.randomUUID().toString();
        useUp(TestJwts.subscriber(subject, "none"));

        String secondToken = TestJwts.subscriber(subject, "none");
        call(PATH, secondToken).expectStatus().isEqualTo(429);
    }

    @Test
    void enterpriseMembersShareTheirOrganisationsAllowance() {
        String organisation = UUID.randomUUID().toString();
        String alice = TestJwts.token().subject(UUID.randomUUID().toString()).tier("enterprise")
                .organisation(organisation).sign();
        String bob = TestJwts.token().subject(UUID.randomUUID().toString()).tier("enterprise")
                .organisation(organisation).sign();
        for (int i = 0; i < 15; i++) {
            call(PATH, alice).expectStatus().isOk();
            call(PATH, bob).expectStatus().isOk();
        }

        call(PATH, bob).expectStatus().isEqualTo(429).expectHeader().valueEquals("X-RateLimit-Limit", "30");
        String carol = TestJwts.token().subject(UUID.randomUUID().toString()).tier("enterprise")
                .organisation(UUID.randomUUID().toString()).sign();
        call(PATH, carol).expectStatus().isOk();
    }

    @Test
    void institutionalClientsGetTheirContractQuotaOrTheDefault() {
        String contracted = "client-" + UUID.randomUUID();
        redis.opsForValue().set(HourlyRateLimiter.QUOTA_KEY.formatted("client:" + contracted), "3").block();
        String token = TestJwts.token().subject(contracted).tier("institutional").roles("institutional_client").sign();
        for (int i = 0; i < 3; i++) {
            call("/v1/signals", token).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Limit", "3");
        }
        call("/v1/signals", token).expectStatus().isEqualTo(429);

        String other = TestJwts.token().subject("client-" + UUID.randomUUID()).tier("institutional")
                .roles("institutional_client").sign();
        call("/v1/signals", other).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Limit", "8");
    }

    @Test
    void aContractQuotaPublishedByEnterpriseServiceBecomesTheClientsLimitAndARevocationRemovesIt() {
        String clientId = "client-" + UUID.randomUUID();
        String token = TestJwts.token().subject(clientId).tier("institutional").roles("institutional_client").sign();
        publishEnterpriseEvent("api_client.created", clientId, 4);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> call("/v1/signals", token)
                .expectHeader().valueEquals("X-RateLimit-Limit", "4"));

        publishEnterpriseEvent("api_client.revoked", clientId, 4);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> call("/v1/signals", token)
                .expectHeader().valueEquals("X-RateLimit-Limit", "8"));
    }

    private void publishEnterpriseEvent(String type, String clientId, long quotaPerHour) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/enterprise-service","type":"%s","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{"organisationId":"org-1","clientId":"%s","scopes":["signals:read"],"quotaPerHour":%d,
                         "secretHash":"$2a$10$abcdefghijklmnopqrstuv"}}
                """.formatted(UUID.randomUUID(), type, clientId, Instant.now(), clientId, quotaPerHour);
        redis.opsForStream().add(EventStreams.ENTERPRISE, Map.of("event", event)).block();
    }

    @Test
    void anonymousCallersOfPublicRoutesAreLimitedPerAddress() {
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 5; i++) {
            gateway.get().uri("/api/monitoring/status").header("X-Forwarded-For", address).exchange()
                    .expectStatus().isOk();
        }
        gateway.get().uri("/api/monitoring/status").header("X-Forwarded-For", address).exchange()
                .expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/rate-limited");
        gateway.get().uri("/api/monitoring/status").header("X-Forwarded-For", "198.51.100.9, " + address).exchange()
                .expectStatus().isEqualTo(429); // the right-most untrusted hop is the client, not what it prepends
        gateway.get().uri("/api/monitoring/status").header("X-Forwarded-For", "2001:db8::" + UUID.randomUUID()
                        .toString().substring(0, 4)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void identityPagesAndDashboardsAreNotCountedAgainstTheApiAllowance() {
        String token = TestJwts.subscriber(UUID.randomUUID().toString(), "none");
        for (int i = 0; i < NONE_TIER_LIMIT + 5; i++) {
            gateway.get().uri("/dashboard").headers(headers -> headers.setBearerAuth(token)).exchange()
                    .expectStatus().isOk().expectHeader().doesNotExist("X-RateLimit-Limit");
        }
        call(PATH, token).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "19");
    }

    private void useUp(String token) {
        for (int i = 0; i < NONE_TIER_LIMIT; i++) {
            call(PATH, token).expectStatus().isOk();
        }
    }

    private WebTestClient.ResponseSpec call(String path, String token) {
        return gateway.get().uri(path).headers(headers -> headers.setBearerAuth(token)).exchange();
    }
}
