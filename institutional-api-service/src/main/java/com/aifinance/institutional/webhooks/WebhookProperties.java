package com.aifinance.institutional.webhooks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Client webhooks ({@code aifa.webhooks.*}).
 *
 * @param requireHttps        refuse endpoints that are not https
 * @param allowPrivateNetwork allow endpoints on loopback and private addresses (local development and tests only)
 * @param requestTimeout      the longest a delivery may take; a hanging endpoint is cut off here
 * @param maxAttempts         attempts before a delivery is marked failed
 * @param retryInitialDelay   wait before the second attempt; doubles each time, up to {@code retryMaxDelay}
 * @param workers             deliveries in flight at once per instance
 * @param secretOverlap       how long the previous secret still signs after a rotation
 * @param encryptionKey       base64 AES-256 key that encrypts signing secrets at rest ({@code AIFA_WEBHOOK_ENCRYPTION_KEY});
 *                            empty = a development key, refused in the {@code production} profile
 * @param previousEncryptionKey the key {@code encryptionKey} replaced, still decrypting while a rotation lasts
 *                            ({@code AIFA_WEBHOOK_ENCRYPTION_KEY_PREVIOUS})
 * @param reencryptOnStart    re-encrypt, once started, every stored secret not yet under {@code encryptionKey}
 */
@ConfigurationProperties("aifa.webhooks")
public record WebhookProperties(
        @DefaultValue("true") boolean requireHttps,
        @DefaultValue("false") boolean allowPrivateNetwork,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration retryInitialDelay,
        @DefaultValue("1h") Duration retryMaxDelay,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("8") int workers,
        @DefaultValue("24h") Duration secretOverlap,
        @DefaultValue("10") int maxEndpointsPerClient,
        String encryptionKey,
        String previousEncryptionKey,
        @DefaultValue("true") boolean reencryptOnStart) {
}
