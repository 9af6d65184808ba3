package com.aifinance.billing.payment;

import java.time.Instant;
import java.util.UUID;

import com.aifinance.billing.provider.ProviderName;

/** Money received once; {@code refundedMinor} never exceeds {@code amountMinor}. */
public record Payment(UUID id, ProviderName provider, String providerPaymentId, UUID customerId, String userId,
                      String organisationId, UUID subscriptionId, UUID invoiceId, String tier, long amountMinor,
                      long refundedMinor, String currency, Instant paidAt) {

    public long refundableMinor() {
        return amountMinor - refundedMinor;
    }
}
