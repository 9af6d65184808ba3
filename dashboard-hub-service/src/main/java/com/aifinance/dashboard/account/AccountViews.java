package com.aifinance.dashboard.account;

import java.time.Instant;
import java.util.List;

/** What subscription-service, billing-service and queue-monitor-service answer, as the account pages read them. */
final class AccountViews {

    private AccountViews() {
    }

    /**
     * subscription-service's subscription; {@code billingSubscriptionId} names billing-service's subscription it
     * mirrors (null for a trial nobody pays for yet).
     */
    record Subscription(String id, String status, String tier, String planCode, String billingInterval,
                        String currency, long amountMinor, Instant periodStart, Instant periodEnd, Instant trialEnd,
                        boolean cancelAtPeriodEnd, String pendingPlanCode, Instant pastDueSince, Instant endedAt,
                        String billingSubscriptionId) {

        public boolean live() {
            return "trialing".equals(status) || "active".equals(status) || "past_due".equals(status);
        }

        /** billing-service charges it: its plan, cancellation and reactivation change there. */
        public boolean billed() {
            return billingSubscriptionId != null && !billingSubscriptionId.isBlank();
        }
    }

    record Plan(String code, String tier, String billingInterval, String currency, long priceMinor) {
    }

    /** billing-service's view of a subscription (the provider's side). */
    record BillingSubscription(String id, String provider, String planCode, String tier, String billingInterval,
                               String currency, long amountMinor, String status, String paymentPageUrl,
                               String pendingPlanCode, boolean cancelAtPeriodEnd, Instant currentPeriodEnd,
                               Instant createdAt) {

        public boolean open() {
            return !"canceled".equals(status);
        }

        public String providerName() {
            return provider == null ? "—" : switch (provider.toLowerCase(java.util.Locale.ROOT)) {
                case "stripe" -> "Card (Stripe)";
                case "razorpay" -> "Razorpay";
                case "bank_transfer" -> "Bank transfer";
                default -> provider;
            };
        }
    }

    record ProviderStatus(String provider, String status, String webhooks) {
    }

    record CheckoutResult(String subscriptionId, String provider, String paymentPageUrl, String status,
                          boolean reused) {
    }

    record Invoice(String id, String number, String tier, String provider, String status, String currency,
                   long subtotalMinor, long taxMinor, long totalMinor, Instant issuedAt, Instant dueAt,
                   Instant paidAt) {
    }

    record NotificationPreferences(List<String> channels, List<String> allowedChannels, List<Address> addresses) {

        public Address address(String channel) {
            return addresses == null ? null
                    : addresses.stream().filter(address -> channel.equals(address.channel())).findFirst().orElse(null);
        }

        public boolean allows(String channel) {
            return allowedChannels != null && allowedChannels.contains(channel);
        }
    }

    record Address(String channel, String address, boolean verified, Instant verifiedAt, Instant codeExpiresAt) {
    }

    record VerificationSent(String channel, String address, boolean codeQueued, String note) {
    }
}
