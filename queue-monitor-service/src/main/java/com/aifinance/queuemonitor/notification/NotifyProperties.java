package com.aifinance.queuemonitor.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications are delivered ({@code aifa.notify.*}); each channel's provider has its own properties.
 *
 * @param maxAttempts    attempts per delivery before it is dead-lettered
 * @param initialBackoff the wait after the first failed attempt; doubled after each further one, with jitter
 * @param maxBackoff     the longest wait between attempts (a provider's Retry-After is honoured even when longer)
 * @param lease          how long a dispatcher owns a delivery it claimed; a delivery still unfinished after that (its
 *                       instance died) is claimed again. Longer than {@code requestTimeout} plus the rate-limit wait.
 * @param pollInterval   how often dispatchers look for due deliveries when nobody woke them
 * @param batchSize      deliveries claimed per query
 * @param connectTimeout connecting to a provider
 * @param requestTimeout one request to a provider, answer included
 */
@ConfigurationProperties("aifa.notify")
record NotifyProperties(
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout) {

    NotifyProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("aifa.notify.max-attempts must be at least 1");
        }
        if (lease.compareTo(requestTimeout) <= 0) {
            throw new IllegalArgumentException("aifa.notify.lease must be longer than aifa.notify.request-timeout");
        }
    }
}
