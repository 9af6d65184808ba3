package com.aifinance.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.aifinance.common.testsupport.IntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one Spring context every gateway test shares: the gateway on a random port in front of {@link Upstreams},
 * real Redis, the JWKS of {@code TestJwts}, and {@link FakeAllowlistSource} for enterprise IP allowlists. Limits
 * are lowered where a test must use one up; the local address counts as a trusted proxy so tests can pick a client
 * address with {@code X-Forwarded-For}.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // the actuator on its own port, as in production (a fixed 8081 would clash with anything on this machine)
        "management.server.port=0",
        "spring.cloud.gateway.server.webflux.trusted-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1",
        "aifa.gateway.rate-limits.tiers.enterprise=30",
        "aifa.gateway.rate-limits.institutional-default=8",
        "aifa.gateway.rate-limits.contract-quota-poll-interval=500ms",
        "aifa.gateway.rate-limits.anonymous.status=5",
        // this machine is shared and slow; a production-sized Redis timeout would make tests fail open at random
        "aifa.gateway.rate-limits.redis-timeout=5s",
        "aifa.gateway.response-timeouts.monitoring=1500",
        "aifa.gateway.edge.max-request-body=64KB",
        "aifa.gateway.edge.cors-allowed-origins=https://app.example.test",
        "aifa.gateway.access.role-rules[0].paths=/api/queues/admin/**",
        "aifa.gateway.access.role-rules[0].roles=ops"})
@AutoConfigureWebTestClient(timeout = "20s")
@Import(DownServiceRoute.class)
public abstract class GatewayTestSupport {

    protected static final Upstreams upstreams = Upstreams.get();
    protected static final FakeAllowlistSource allowlistSource = FakeAllowlistSource.shared();

    @Autowired
    protected WebTestClient gateway;

    @Autowired
    protected MeterRegistry meters;

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        upstreams.register(registry);
        allowlistSource.register(registry);
    }

    @BeforeEach
    @AfterEach
    void forgetUpstreamRequests() throws InterruptedException {
        upstreams.reset();
    }

    /** The gateway's management port (actuator), where load balancers, Prometheus and monitoring-service look. */
    protected WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .responseTimeout(Duration.ofSeconds(20))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    }

    /** A GET with the path sent exactly as written (no encoding or normalising on the client's side). */
    protected HttpResponse<String> rawGet(String rawPath, String... headers) throws Exception {
        return rawGet(port, rawPath, headers);
    }

    /** A GET to {@code port} with the path sent exactly as written. */
    protected HttpResponse<String> rawGet(int port, String rawPath, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath))
                .timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        // a client per call: no pooled connection is carried from one test's refusals into the next request
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    protected double count(String meter, String... tags) {
        Counter counter = meters.find(meter).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
