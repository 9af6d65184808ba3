package com.aifinance.billing.payment;

import java.time.Instant;

import com.aifinance.billing.provider.ProviderName;

/**
 * What a provider's webhook means for billing, whatever the provider's JSON looked like. {@code billingSubscriptionId}
 * is our id when the provider echoed it back (metadata, notes), else null.
 */
public sealed interface ProviderEvent {

    ProviderName provider();

    /**
     * Money arrived. {@code providerPaymentId} is what the ledger keys the charge by (a repeat is the same payment);
     * {@code invoiceId} is our invoice when the payment settles one we issued (bank transfer); {@code tier} is given
     * when no subscription says it; {@code periodStart}/{@code periodEnd} are the subscription period the provider
     * says it pays (null when it does not say).
     */
    record PaymentSucceeded(ProviderName provider, String providerPaymentId, String providerCustomerId,
                            String providerSubscriptionId, String billingSubscriptionId, String invoiceId,
                            long amountMinor, String currency, long taxMinor, long feeMinor, Instant paidAt,
                            String description, String tier, Instant periodStart, Instant periodEnd)
            implements ProviderEvent {
    }

    /** A subscription payment failed; {@code providerInvoiceId} identifies what is owed (one dunning case each). */
    record PaymentFailed(ProviderName provider, String providerInvoiceId, String providerCustomerId,
                         String providerSubscriptionId, String billingSubscriptionId, long amountMinor,
                         String currency, String reason, Instant failedAt) implements ProviderEvent {
    }

    /** The provider's view of a subscription at {@code eventAt}; applied only if nothing newer was. */
    record SubscriptionChanged(ProviderName provider, String providerSubscriptionId, String billingSubscriptionId,
                               String providerCustomerId, String status, Instant currentPeriodEnd,
                               Boolean cancelAtPeriodEnd, Instant eventAt) implements ProviderEvent {
    }

    /** The hosted checkout finished: links our subscription to the provider's. */
    record CheckoutCompleted(ProviderName provider, String billingSubscriptionId, String providerSubscriptionId,
                             String providerCustomerId) implements ProviderEvent {
    }

    /**
     * Money went back. {@code paymentId}/{@code refundId} are ours when the refund was made through our API;
     * {@code providerPaymentReference} finds the payment otherwise.
     */
    record RefundSucceeded(ProviderName provider, String providerRefundId, String providerPaymentReference,
                           String paymentId, String refundId, long amountMinor, String currency, String reason,
                           Instant refundedAt) implements ProviderEvent {
    }
}
