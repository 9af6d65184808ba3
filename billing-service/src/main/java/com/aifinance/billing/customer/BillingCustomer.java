package com.aifinance.billing.customer;

import java.util.UUID;

import com.aifinance.billing.provider.ProviderName;

/**
 * A customer of one provider: a user ({@code currency} fixed by the first checkout), or for contract invoices an
 * organisation ({@code userId} null; one bank-transfer account per currency).
 */
public record BillingCustomer(UUID id, String userId, String organisationId, String email, ProviderName provider,
                              String providerCustomerId, String currency) {
}
