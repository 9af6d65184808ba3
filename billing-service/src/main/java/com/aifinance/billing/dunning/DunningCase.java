package com.aifinance.billing.dunning;

import java.time.Instant;
import java.util.UUID;

import com.aifinance.billing.provider.ProviderName;

/** A failed payment being chased: {@code attempt} counts the failed attempts so far (the first failure is 1). */
public record DunningCase(UUID id, UUID subscriptionId, ProviderName provider, String providerInvoiceId,
                          long amountMinor, String currency, int attempt, String status, String lastReason,
                          Instant nextRetryAt, Instant openedAt, Instant closedAt) {
}
