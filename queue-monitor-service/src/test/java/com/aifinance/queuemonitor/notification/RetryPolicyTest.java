package com.aifinance.queuemonitor.notification;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(2), Duration.ofMinutes(5));
    private final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

    @Test
    void waitsDoubleWithJitterWithinTheUpperHalfOfEachStep() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            long step = 2000L << (attempt - 1);
            for (int i = 0; i < 200; i++) {
                assertThat(policy.delay(attempt, null, random).toMillis()).isBetween(step / 2, step);
            }
        }
    }

    @Test
    void waitsNeverExceedTheMaximum() {
        assertThat(policy.delay(30, null, random)).isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aProvidersRetryAfterIsHonouredWithAtMostALittleExtra() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(1, Duration.ofSeconds(30), random))
                    .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(31));
        }
    }

    @Test
    void theLastAttemptExhaustsThePolicy() {
        assertThat(policy.exhausted(5)).isFalse();
        assertThat(policy.exhausted(6)).isTrue();
    }
}
