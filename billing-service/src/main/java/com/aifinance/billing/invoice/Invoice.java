package com.aifinance.billing.invoice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An invoice we issued: numbered per currency, with line items and tax, paid through a provider or by transfer.
 * Addressed to a user, or to an organisation ({@code userId} null: contract invoices, sent to {@code billingEmail}).
 */
public record Invoice(UUID id, String number, UUID customerId, String userId, String organisationId,
                      String contractId, UUID subscriptionId, String tier, String provider, String providerInvoiceId,
                      String status, String currency, long subtotalMinor, long taxMinor, long totalMinor,
                      int taxRateBasisPoints, String taxLabel, String customerTaxId, String billTo,
                      String billingEmail, String paymentInstructions, String bankReference, Instant issuedAt, Instant dueAt,
                      Instant paidAt, List<Line> lines) {

    public record Line(String description, int quantity, long unitAmountMinor, long amountMinor) {
    }
}
