package com.aifinance.billing.webhook;

import java.time.Instant;

import com.aifinance.billing.provider.ProviderName;

/** A delivery whose signature checked out: the provider's event id, type and creation time, and the raw payload. */
public record VerifiedWebhook(ProviderName provider, String eventId, String type, Instant createdAt, String payload) {
}
