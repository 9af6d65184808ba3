package com.aifinance.billing.provider;

import java.time.Instant;
import java.util.List;

/**
 * One way of taking money: Stripe (USD), Razorpay (INR) or bank transfer against an invoice (enterprise and
 * institutional contracts). Every call that changes something at the provider carries an idempotency key derived
 * from our own ids, so a retried job never creates or charges twice.
 */
public interface PaymentProvider {

    ProviderName name();

    /** False when the keys are missing: the provider then refuses every call with "not configured". */
    boolean configured();

    /** Whether this provider takes payments in {@code currency}. */
    boolean supportsCurrency(String currency);

    ProviderCustomer createCustomer(CustomerDetails customer, String idempotencyKey);

    /** Starts a subscription and returns the page where the customer pays (or the invoice to pay). */
    PaymentPage startSubscription(SubscriptionStart start, String idempotencyKey);

    /** Moves a subscription to another plan: now with proration (upgrade) or at the period end (downgrade). */
    void changePlan(PlanChange change, String idempotencyKey);

    void cancelSubscription(String providerSubscriptionId, boolean atPeriodEnd, String idempotencyKey);

    /**
     * Takes back a cancellation at the period end, so the subscription renews. A provider that cannot throws a
     * definitive {@link ProviderFailure}.
     */
    void undoCancellation(String providerSubscriptionId, String idempotencyKey);

    ProviderRefund refund(RefundOrder order, String idempotencyKey);

    /** One dunning step: charge the unpaid invoice again, or ask the customer to pay it. */
    RetryOutcome retryPayment(RetryOrder order, String idempotencyKey);

    /** What the provider says happened between {@code from} and {@code to}: for reconciliation. */
    ProviderActivity activity(Instant from, Instant to);

    /** The customer as we know them when the provider customer is created. */
    record CustomerDetails(String userId, String organisationId, String email, String currency) {
    }

    record ProviderCustomer(String providerCustomerId) {
    }

    /**
     * A subscription to start.
     *
     * @param billingSubscriptionId our id, stored with the provider (metadata / notes) so its events find it
     */
    record SubscriptionStart(String billingSubscriptionId, String customerId, String providerCustomerId,
                             String userId, String organisationId, String email, PlanPrice plan,
                             String successUrl, String cancelUrl) {
    }

    /** @param url where the customer pays; {@code providerSubscriptionId} is null until the provider creates one */
    record PaymentPage(String url, String providerSubscriptionId, String providerReference) {
    }

    record PlanChange(String providerSubscriptionId, PlanPrice from, PlanPrice to, boolean immediately) {
    }

    /**
     * @param providerPaymentReference the provider's id of what was paid (Stripe invoice, Razorpay payment, our
     *                                 invoice for bank transfer)
     */
    record RefundOrder(String paymentId, String refundId, String providerPaymentReference, long amountMinor,
                       String currency, String reason) {
    }

    /** @param pending true when the provider accepted the refund but has not completed it yet */
    record ProviderRefund(String providerRefundId, boolean pending) {
    }

    record RetryOrder(String dunningCaseId, String providerInvoiceId, String providerSubscriptionId,
                      String providerCustomerId, String billingSubscriptionId, long amountMinor, String currency,
                      String email, int attempt) {
    }

    /** @param paymentUrl where the customer can pay when the provider cannot charge by itself */
    record RetryOutcome(boolean paid, String failureReason, String paymentUrl) {

        public static RetryOutcome succeeded() {
            return new RetryOutcome(true, null, null);
        }

        public static RetryOutcome failed(String reason) {
            return new RetryOutcome(false, reason, null);
        }

        public static RetryOutcome customerMustPay(String reason, String url) {
            return new RetryOutcome(false, reason, url);
        }
    }

    record ProviderActivity(List<ProviderMovement> payments, List<ProviderMovement> refunds, List<String> eventIds,
                            boolean eventsListed) {
    }

    /** A payment or refund as the provider lists it; {@code reference} is what our ledger keys it by. */
    record ProviderMovement(String reference, long amountMinor, String currency, Instant occurredAt) {
    }
}
