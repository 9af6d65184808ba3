package com.aifinance.billing.reconciliation;

/**
 * One thing the ledger and a provider disagree on.
 *
 * @param kind {@code missing_in_ledger}, {@code missing_at_provider}, {@code amount_mismatch},
 *             {@code currency_mismatch}, {@code event_not_received}, {@code invoice_overdue}
 */
public record Difference(String provider, String kind, String reference, Long ledgerAmountMinor,
                         Long providerAmountMinor, String currency, String detail) {
}
