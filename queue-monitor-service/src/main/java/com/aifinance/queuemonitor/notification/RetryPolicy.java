package com.aifinance.queuemonitor.notification;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff with "equal jitter" (half the step fixed, half random, so
 * retries of many deliveries that failed together spread out), or exactly what the provider asked for when it sent
 * Retry-After, plus a little jitter so a whole batch does not return in the same millisecond.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    Duration delay(int attempt, Duration retryAfter, RandomGenerator random) {
        if (retryAfter != null) {
            long jitter = Math.min(1000, Math.max(1, retryAfter.toMillis() / 10));
            return retryAfter.plusMillis(random.nextLong(jitter + 1));
        }
        long step = initialBackoff.toMillis();
        for (int i = 1; i < attempt && step < maxBackoff.toMillis(); i++) {
            step *= 2;
        }
        step = Math.max(1, Math.min(step, maxBackoff.toMillis()));
        long half = step / 2;
        return Duration.ofMillis(step - half + random.nextLong(half + 1));
    }
}
