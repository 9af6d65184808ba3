package com.aifinance.billing.customer;

import java.util.UUID;

import com.aifinance.billing.provider.ProviderName;

/** A user as a customer of one provider; {@code currency} is fixed by the first checkout. */
public record BillingCustomer(UUID id, String userId, String organisationId, String email, ProviderName provider,
                              String providerCustomerId, String currency) {
}
