package com.aifinance.billing.subscription;

import java.time.Instant;
import java.util.UUID;

import com.aifinance.billing.provider.ProviderName;

/** A subscription as billing sees it. */
public record BillingSubscription(UUID id, String userId, String organisationId, UUID customerId,
                                  ProviderName provider, String providerSubscriptionId, String planCode, String tier,
                                  String billingInterval, String currency, long amountMinor, String status,
                                  Instant statusEventAt, String paymentPageUrl, String pendingPlanCode,
                                  boolean cancelAtPeriodEnd, Instant currentPeriodEnd, Instant createdAt) {

    public boolean open() {
        return !SubscriptionStatus.CANCELED.equals(status);
    }
}
