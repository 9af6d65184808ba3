package com.aifinance.gateway.allowlist;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.gateway.FakeAllowlistSource;
import com.aifinance.gateway.GatewayTestSupport;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Enterprise IP allowlists at the gateway, against the lists loaded at start-up from the fake enterprise-service
 * ({@link FakeAllowlistSource#OFFICE_ORGANISATION}: 203.0.113.0/24 and 2001:db8:a::/48) and changes published on
 * {@code aifa.enterprise}. The test peer (127.0.0.1) is a trusted proxy, so {@code X-Forwarded-For} picks the
 * client's address, except where a test connects from an untrusted address.
 */
class AllowlistEnforcementTest extends GatewayTestSupport {

    private static final String OFFICE = FakeAllowlistSource.OFFICE_ORGANISATION;
    private static final String PATH = "/api/analytics/mrr";
    private static final String IP_NOT_ALLOWED = "tag:aifinance.agency,2026:problems/ip-not-allowed";

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void theListsAreLoadedAtStartUpFromEnterpriseServiceWithTheGatewaysOwnClientCredentialsToken() throws Exception {
        RecordedRequest tokenRequest = allowlistSource.tokenRequest();
        assertThat(tokenRequest.getMethod()).isEqualTo("POST");
        assertThat(tokenRequest.getHeaders().get("Authorization")).startsWith("Basic ");
        assertThat(tokenRequest.getBody().utf8()).contains("grant_type=client_credentials").contains("scope=internal");
        RecordedRequest listsRequest = allowlistSource.allowlistsRequest();
        assertThat(listsRequest.getTarget()).isEqualTo("/api/enterprise/allowlists");
        assertThat(listsRequest.getHeaders().get("Authorization")).matches("Bearer service-token-\\d+");

        management().get().uri("/actuator/health/dependencies").exchange()
                .expectBody().jsonPath("$.components.allowlists.status").isEqualTo("UP");
    }

    @Test
    void aMemberCallingFromAnAddressInTheListIsLetThroughAndTheServiceSeesThatAddress() throws Exception {
        double allowed = count("gateway.allowlist.decisions", "outcome", "allowed");

        call(PATH, member(OFFICE), "203.0.113.7").expectStatus().isOk()
                .expectHeader().exists("X-RateLimit-Remaining");

        assertThat(upstreams.received("analytics").getHeaders().get("X-Forwarded-For")).isEqualTo("203.0.113.7");
        assertThat(count("gateway.allowlist.decisions", "outcome", "allowed")).isEqualTo(allowed + 1);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aMemberCallingFromAnotherAddressIsRefusedWith403TheServiceIsNotCalledAndTheTokenIsNotLogged(
            CapturedOutput output) {
        String token = member(OFFICE);
        String outside = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        int before = upstreams.requestCount("analytics");
        double denied = count("gateway.allowlist.decisions", "outcome", "denied");

        call(PATH, token, outside).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist("X-RateLimit-Remaining")
                .expectBody()
                .jsonPath("$.type").isEqualTo(IP_NOT_ALLOWED)
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.clientAddress").isEqualTo(outside)
                .jsonPath("$.instance").isEqualTo(PATH);

        assertThat(upstreams.requestCount("analytics")).isEqualTo(before);
        assertThat(count("gateway.allowlist.decisions", "outcome", "denied")).isEqualTo(denied + 1);
        assertThat(output.getOut()).contains("Refused GET " + PATH + " of organisation " + OFFICE)
                .contains("from " + outside).doesNotContain(token);
    }

    @Test
    void anInstitutionalApiClientOfTheOrganisationIsHeldToTheSameList() {
        String client = TestJwts.token().subject("inst_" + UUID.randomUUID()).tier("institutional")
                .organisation(OFFICE).roles("institutional_client").sign();

        call("/v1/signals", client, "203.0.113.20").expectStatus().isOk();
        call("/v1/signals", client, "192.0.2.20").expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(IP_NOT_ALLOWED);
    }

    @Test
    void ipv6ClientsAreMatchedAgainstIpv6Ranges() {
        String token = member(OFFICE);

        call(PATH, token, "2001:db8:a:17::5").expectStatus().isOk();
        call(PATH, token, "2001:db8:b::5").expectStatus().isForbidden()
                .expectBody().jsonPath("$.clientAddress").isEqualTo("2001:db8:b::5");
    }

    @Test
    void anIpv4MappedIpv6ClientIsMatchedAsItsIpv4Address() {
        String token = member(OFFICE);

        call(PATH, token, "::ffff:203.0.113.9").expectStatus().isOk();
        call(PATH, token, "::ffff:198.51.100.9").expectStatus().isForbidden();
    }

    @Test
    void aClientConnectingDirectlyCannotClaimAnAllowedAddressWithXForwardedFor() throws Exception {
        String token = member(OFFICE);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-For", "203.0.113.7")
                .GET().build();
        // 127.0.0.2 is not a trusted proxy (the tests trust 127.0.0.1 only): the gateway believes the connection
        try (HttpClient untrustedPeer = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2"))
                .version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = untrustedPeer.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains(IP_NOT_ALLOWED).contains("\"clientAddress\":\"127.0.0.2\"");
        }
    }

    @Test
    void behindATrustedProxyAnAddressTheClientPrependedIsIgnored() {
        call(PATH, member(OFFICE), "203.0.113.7, 198.51.100.7").expectStatus().isForbidden()
                .expectBody().jsonPath("$.clientAddress").isEqualTo("198.51.100.7");
    }

    @Test
    void callersWithoutAnOrganisationAndOrganisationsWithoutAListAreNotRestricted() {
        String outside = "198.51.100.44";

        call(PATH, TestJwts.subscriber(UUID.randomUUID().toString(), "pro"), outside).expectStatus().isOk();
        call(PATH, TestJwts.ops(UUID.randomUUID().toString()), outside).expectStatus().isOk();
        double unrestricted = count("gateway.allowlist.decisions", "outcome", "unrestricted");
        call(PATH, member(UUID.randomUUID().toString()), outside).expectStatus().isOk();
        assertThat(count("gateway.allowlist.decisions", "outcome", "unrestricted")).isEqualTo(unrestricted + 1);
    }

    @Test
    void aChangePublishedByEnterpriseServiceTakesEffectWithinSecondsAndAnOlderVersionReadLaterChangesNothing() {
        String organisation = UUID.randomUUID().toString();
        String token = member(organisation);
        call(PATH, token, "203.0.113.7").expectStatus().isOk();

        publishChange(organisation, 1, List.of("198.51.100.0/24"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                call(PATH, token, "203.0.113.7").expectStatus().isForbidden());
        call(PATH, token, "198.51.100.7").expectStatus().isOk();

        publishChange(organisation, 2, List.of());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                call(PATH, token, "203.0.113.7").expectStatus().isOk());

        // version 1 again (a redelivery), then a change of another organisation: once that one is in force, the
        // redelivered one has been read too, and it must not have brought the old list back
        String marker = UUID.randomUUID().toString();
        publishChange(organisation, 1, List.of("198.51.100.0/24"));
        publishChange(marker, 1, List.of("192.0.2.0/24"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                call(PATH, member(marker), "203.0.113.7").expectStatus().isForbidden());
        call(PATH, token, "203.0.113.7").expectStatus().isOk();
    }

    private void publishChange(String organisation, long version, List<String> cidrs) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/enterprise-service","type":"allowlist.changed",
                 "subject":"organisation-%s","time":"%s","datacontenttype":"application/json",
                 "data":{"organisationId":"%s","cidrs":[%s],"changedBy":"%s","version":%d}}
                """.formatted(UUID.randomUUID(), organisation, Instant.now(), organisation,
                cidrs.stream().map(cidr -> '"' + cidr + '"').collect(Collectors.joining(",")),
                UUID.randomUUID(), version);
        redis.opsForStream().add(EventStreams.ENTERPRISE, Map.of("event", event)).block();
    }

    private static String member(String organisation) {
        return TestJwts.token().subject(UUID.randomUUID().toString()).tier("enterprise").organisation(organisation)
                .roles("org_analyst").sign();
    }

    private WebTestClient.ResponseSpec call(String path, String token, String forwardedFor) {
        return gateway.get().uri(path).headers(headers -> {
            headers.setBearerAuth(token);
            headers.set("X-Forwarded-For", forwardedFor);
        }).exchange();
    }
}
