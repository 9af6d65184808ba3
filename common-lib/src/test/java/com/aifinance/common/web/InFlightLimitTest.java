package com.aifinance.common.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightLimitTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Counter shed = meters.counter(InFlightLimit.SHED_METRIC);
    private final InFlightLimit.Filter filter = new InFlightLimit.Filter(1, shed);

    @Test
    void aRequestBeyondTheLimitIsA503ProblemWithRetryAfterAndTheNextOneAfterAReleaseIsServed() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = Thread.ofVirtual().start(() -> run("/v1/signals", (request, response) -> {
            inside.countDown();
            await(release);
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse refused = run("/v1/signals", (request, response) -> {
            throw new AssertionError("must not be processed");
        });

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":503").contains("service-unavailable");
        assertThat(shed.count()).isEqualTo(1.0);

        MockHttpServletResponse health = run("/actuator/health", (request, response) -> { });
        assertThat(health.getStatus()).isEqualTo(200);

        release.countDown();
        busy.join(5000);
        assertThat(run("/v1/signals", (request, response) -> { }).getStatus()).isEqualTo(200);
    }

    @Test
    void aFailingRequestGivesItsPermitBack() throws Exception {
        try {
            run("/v1/signals", (request, response) -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the handler's failure propagates; the permit must not leak
        }
        assertThat(run("/v1/signals", (request, response) -> { }).getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse run(String path, FilterChain chain) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response, chain);
        } catch (java.io.IOException | jakarta.servlet.ServletException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
