package com.aifinance.gateway.ratelimit;

import java.time.Duration;
import java.util.UUID;

import com.aifinance.common.testsupport.TestInfrastructure;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The limiter fails open while Redis is away (docs/gateway.md says why), counts it, and limits again after. */
class RedisOutageTest extends GatewayTestSupport {

    @Test
    void whileRedisIsDownApiRequestsPassUnlimitedAndTheFailureIsCountedThenLimitsReturn() {
        String token = TestJwts.subscriber(UUID.randomUUID().toString(), "pro");
        gateway.get().uri("/api/analytics/mrr").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectHeader().exists("X-RateLimit-Limit");
        double failedOpen = count("gateway.rate.limit.decisions", "tier", "pro", "outcome", "failed_open");

        TestInfrastructure.get().stopRedis();
        try {
            for (int i = 0; i < 8; i++) {
                long started = System.nanoTime();
                gateway.get().uri("/api/analytics/mrr").headers(headers -> headers.setBearerAuth(token)).exchange()
                        .expectStatus().isOk()
                        .expectHeader().doesNotExist("X-RateLimit-Remaining");
                // the tests' redis-timeout is 5 s: a request that waited on the dead connection would take that long
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
            }
            assertThat(count("gateway.rate.limit.decisions", "tier", "pro", "outcome", "failed_open"))
                    .isEqualTo(failedOpen + 8);
            assertThat(meters.find("gateway.rate.limiter.redis.failures").counters())
                    .isNotEmpty()
                    .anySatisfy(counter -> assertThat(counter.count()).isPositive());
            // once its breaker is open the limiter stops waiting on Redis at all
            assertThat(count("gateway.rate.limiter.redis.failures", "cause", "circuit_open")).isPositive();
        } finally {
            TestInfrastructure.get().startRedis();
        }

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                gateway.get().uri("/api/analytics/mrr").headers(headers -> headers.setBearerAuth(token)).exchange()
                        .expectStatus().isOk().expectHeader().exists("X-RateLimit-Remaining"));
    }
}
