package com.aifinance.billing.ledger;

import java.time.Instant;
import java.util.UUID;

import com.aifinance.billing.provider.ProviderName;

/**
 * One movement of money. Charges, refunds and fees are positive (the type gives the direction); adjustments are
 * signed. {@code (provider, providerReference, type)} is unique, so recording the same movement twice changes nothing.
 */
public record LedgerEntry(long id, LedgerEntryType type, String customerId, String userId, String tier,
                          UUID paymentId, long amountMinor, String currency, ProviderName provider,
                          String providerReference, Instant occurredAt, String description) {

    public static LedgerEntry of(LedgerEntryType type, String customerId, String userId, String tier, UUID paymentId,
                                 long amountMinor, String currency, ProviderName provider, String providerReference,
                                 Instant occurredAt, String description) {
        return new LedgerEntry(0, type, customerId, userId, tier, paymentId, amountMinor, currency, provider,
                providerReference, occurredAt, description);
    }

    /** The entry's effect on what we hold: charges and positive adjustments add, refunds and fees take away. */
    public long signedAmountMinor() {
        return switch (type) {
            case CHARGE, ADJUSTMENT -> amountMinor;
            case REFUND, FEE -> -amountMinor;
        };
    }
}
