package com.aifinance.billing.dunning;

import java.time.Instant;

import com.aifinance.billing.customer.BillingCustomer;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.subscription.BillingSubscription;

/** A subscription payment that failed at the provider: the start of a dunning case. */
public record FailedPayment(ProviderName provider, String providerInvoiceId, BillingSubscription subscription,
                            BillingCustomer customer, long amountMinor, String currency, String reason,
                            Instant failedAt) {
}
