package com.aifinance.billing.payment;

import java.time.Instant;
import java.util.UUID;

/** A refund of (part of) a payment: pending while the provider works on it, then issued or failed. */
public record Refund(UUID id, UUID paymentId, long amountMinor, String currency, String reason, String status,
                     String providerRefundId, String failure, String requestedBy, Instant requestedAt,
                     Instant issuedAt) {
}
