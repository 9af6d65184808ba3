package com.aifinance.billing.invoice;

import java.time.Instant;
import java.util.UUID;

/** What a refund gives back, as a numbered document against the invoice of the payment. */
public record CreditNote(UUID id, String number, UUID invoiceId, UUID paymentId, long amountMinor, String currency,
                         String reason, Instant issuedAt) {
}
