package com.aifinance.gateway.allowlist;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.aifinance.common.security.Caller;
import com.aifinance.gateway.FakeAllowlistSource;
import com.aifinance.gateway.GatewayTestSupport;
import com.aifinance.gateway.access.RequestAccess;
import com.aifinance.gateway.problem.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static com.aifinance.gateway.allowlist.AllowlistCache.Decision.ALLOWED;
import static com.aifinance.gateway.allowlist.AllowlistCache.Decision.DENIED;
import static com.aifinance.gateway.allowlist.AllowlistCache.Decision.UNAVAILABLE;
import static com.aifinance.gateway.allowlist.AllowlistCache.Decision.UNRESTRICTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Loading the allowlists as a gateway replica starts: through a fake token endpoint and a fake enterprise-service
 * ({@link FakeAllowlistSource}, one per test), with the real Redis of the test context but a stream and a copy key
 * of each test's own, so the gateway under test in the shared context is not disturbed.
 */
class AllowlistLoadingTest extends GatewayTestSupport {

    private static final String ACME = "0b7e2d7c-7f7a-4a52-8d1e-5a1f3c2b9e10";

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    ProblemWriter problems;

    private final String stream = "test.allowlists." + UUID.randomUUID();
    private final String copyKey = "test:allowlists:" + UUID.randomUUID();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopReplicas() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
        redis.delete(stream, copyKey).block();
    }

    @Test
    void atStartUpTheListsAreFetchedFromEnterpriseServiceWithAClientCredentialsTokenAndSavedForOtherReplicas()
            throws Exception {
        FakeAllowlistSource source = source();
        source.serve(ACME, 5, List.of("192.0.2.0/24", "2001:db8:c::/48"));
        Replica replica = replica(source).start();

        await().atMost(Duration.ofSeconds(20)).until(replica.cache::loaded);

        assertThat(replica.cache.decide(ACME, "192.0.2.1")).isEqualTo(ALLOWED);
        assertThat(replica.cache.decide(ACME, "2001:db8:c::1")).isEqualTo(ALLOWED);
        assertThat(replica.cache.decide(ACME, "198.51.100.1")).isEqualTo(DENIED);
        assertThat(replica.cache.decide(UUID.randomUUID().toString(), "198.51.100.1")).isEqualTo(UNRESTRICTED);

        RecordedRequest token = source.tokenRequest();
        String credentials = new String(Base64.getDecoder().decode(
                token.getHeaders().get("Authorization").substring("Basic ".length())), StandardCharsets.UTF_8);
        assertThat(credentials).as("RFC 6749: form-encoded, then Basic").isEqualTo("gateway-service:"
                + "s3cret%2Bwith%2Fodd%3Dchars");
        assertThat(token.getBody().utf8()).contains("grant_type=client_credentials");
        assertThat(source.allowlistsRequest().getHeaders().get("Authorization")).isEqualTo("Bearer service-token-1");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(redis.opsForValue().get(copyKey).block()).contains(ACME).contains("streamPosition"));
        assertThat(replica.meters.get("gateway.allowlist.loads").tags("source", "enterprise", "outcome", "success")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void whileEnterpriseServiceIsDownAtStartUpOrganisationsAreAnswered503ThenItsListsApplyOnceItRecovers() {
        FakeAllowlistSource source = source();
        source.serve(ACME, 2, List.of("192.0.2.0/24"));
        source.goDown();
        Replica replica = replica(source).start();

        await().atMost(Duration.ofSeconds(20)).until(() -> replica.meters.get("gateway.allowlist.loads")
                .tags("source", "enterprise", "outcome", "failure").counter().count() >= 2);
        assertThat(replica.cache.loaded()).isFalse();
        assertThat(replica.cache.decide(ACME, "192.0.2.1")).isEqualTo(UNAVAILABLE);
        MockServerWebExchange member = exchange(replica, ACME, "192.0.2.1");
        assertThat(member.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(member.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(member.getResponse().getBodyAsString().block()).contains("service-unavailable");
        MockServerWebExchange subscriber = exchange(replica, null, "192.0.2.1");
        assertThat(subscriber.getResponse().getStatusCode()).as("no organisation, not held up").isNull();

        source.recover();

        await().atMost(Duration.ofSeconds(20)).until(replica.cache::loaded);
        assertThat(replica.cache.decide(ACME, "192.0.2.1")).isEqualTo(ALLOWED);
        assertThat(replica.cache.decide(ACME, "198.51.100.1")).isEqualTo(DENIED);
        assertThat(exchange(replica, ACME, "198.51.100.1").getResponse().getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aReplicaStartingWhileEnterpriseServiceIsDownEnforcesTheListsAnotherReplicaSavedAndTheChangesSince() {
        FakeAllowlistSource first = source();
        first.serve(ACME, 1, List.of("192.0.2.0/24"));
        Replica running = replica(first).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.hasKey(copyKey).block());
        running.sync.stop();
        String changedBy = UUID.randomUUID().toString();
        redis.opsForStream().add(stream, Map.of("event", """
                {"specversion":"1.0","id":"%s","source":"/enterprise-service","type":"allowlist.changed",
                 "data":{"organisationId":"%s","cidrs":["198.51.100.0/24"],"changedBy":"%s","version":2}}
                """.formatted(UUID.randomUUID(), ACME, changedBy))).block();

        FakeAllowlistSource down = source();
        down.goDown();
        Replica starting = replica(down).start();

        await().atMost(Duration.ofSeconds(20)).until(starting.cache::loaded);
        assertThat(starting.cache.source()).isEqualTo(AllowlistCache.Source.REDIS_COPY);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(starting.cache.decide(ACME, "198.51.100.1")).isEqualTo(ALLOWED));
        assertThat(starting.cache.decide(ACME, "192.0.2.1")).isEqualTo(DENIED);
    }

    @Test
    void aTokenEnterpriseServiceNoLongerAcceptsIsReplacedByANewOne() {
        FakeAllowlistSource source = source();
        source.serve(ACME, 1, List.of("192.0.2.0/24"));
        Replica replica = replica(source);
        replica.sync.loadOnce().block(Duration.ofSeconds(20));
        source.serve(ACME, 2, List.of("198.51.100.0/24"));

        source.revokeIssuedTokens();
        assertThatThrownBy(() -> replica.sync.loadOnce().block(Duration.ofSeconds(20)))
                .hasMessageContaining("401");
        replica.sync.loadOnce().block(Duration.ofSeconds(20));

        assertThat(source.tokensIssued()).isEqualTo(2);
        assertThat(replica.cache.decide(ACME, "198.51.100.1")).isEqualTo(ALLOWED);
    }

    @Test
    void anAnswerTheGatewayCannotReadKeepsTheListsInForce() {
        FakeAllowlistSource source = source();
        source.serve(ACME, 1, List.of("192.0.2.0/24"));
        Replica replica = replica(source);
        replica.sync.loadOnce().block(Duration.ofSeconds(20));
        source.serveMalformed("[{\"organisationId\":\"" + ACME + "\",\"cidrs\":\"192.0.2.0/24\",\"version\":2}]");

        assertThatThrownBy(() -> replica.sync.loadOnce().block(Duration.ofSeconds(20)))
                .hasMessageContaining("cidrs");

        assertThat(replica.cache.decide(ACME, "198.51.100.1")).isEqualTo(DENIED);
        assertThat(replica.cache.decide(ACME, "192.0.2.1")).isEqualTo(ALLOWED);
    }

    private MockServerWebExchange exchange(Replica replica, String organisation, String clientAddress) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/analytics/mrr")
                .remoteAddress(new InetSocketAddress(clientAddress, 40000)));
        Caller caller = new Caller(UUID.randomUUID().toString(), organisation == null ? "pro" : "enterprise",
                organisation, Set.of("org_analyst"), Set.of());
        exchange.getAttributes().put(RequestAccess.class.getName(),
                new RequestAccess(RequestAccess.Kind.PROTECTED_API, null, caller, clientAddress));
        new AllowlistFilter(replica.cache, problems, Clock.systemUTC(), replica.meters)
                .filter(exchange, ignored -> Mono.empty()).block(Duration.ofSeconds(5));
        return exchange;
    }

    private FakeAllowlistSource source() {
        FakeAllowlistSource source = new FakeAllowlistSource();
        started.add(source);
        return source;
    }

    private Replica replica(FakeAllowlistSource source) {
        AllowlistProperties properties = new AllowlistProperties(source.sourceUri(), source.tokenUri(),
                FakeAllowlistSource.CLIENT_ID, FakeAllowlistSource.CLIENT_SECRET, Duration.ofMillis(200),
                Duration.ofMinutes(5), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5), copyKey);
        AllowlistCache cache = new AllowlistCache();
        MeterRegistry meters = new SimpleMeterRegistry();
        AllowlistSync sync = AllowlistSync.of(cache, properties, WebClient.create(), redis, stream, json,
                Clock.systemUTC(), meters);
        Replica replica = new Replica(cache, sync, meters);
        started.add(sync::stop);
        return replica;
    }

    private record Replica(AllowlistCache cache, AllowlistSync sync, MeterRegistry meters) {

        Replica start() {
            sync.start();
            return this;
        }
    }
}
