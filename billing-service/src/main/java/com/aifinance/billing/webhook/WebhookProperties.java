package com.aifinance.billing.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Processing of stored webhook events ({@code aifa.billing.webhooks.*}).
 *
 * @param batchSize    events applied per transaction (each in its own savepoint)
 * @param pollInterval how often the inbox is looked at when no delivery woke the processor
 * @param maxAttempts  failed attempts (not parkings) before an event is parked as {@code processing_failed}
 * @param workers      processing threads per instance
 */
@ConfigurationProperties("aifa.billing.webhooks")
public record WebhookProperties(
        @DefaultValue("100") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("1") int workers) {
}
