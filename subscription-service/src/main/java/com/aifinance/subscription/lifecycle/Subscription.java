package com.aifinance.subscription.lifecycle;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A subscription as its owner and ops see it.
 *
 * @param amountMinor           the plan's price per interval in minor units of {@code currency}
 * @param cancelAtPeriodEnd     the customer canceled; it ends at {@code periodEnd}
 * @param pendingPlanCode       a downgrade that takes effect at {@code periodEnd}
 * @param billingSubscriptionId billing-service's subscription this one mirrors (where its plan is changed and it is
 *                              canceled); null for a trial nobody has paid for yet
 */
public record Subscription(
        UUID id, UUID userId, UUID organisationId,
        @Schema(allowableValues = {"trialing", "active", "past_due", "canceled", "expired"}) String status,
        String tier, String planCode, String billingInterval, String currency, long amountMinor,
        Instant periodStart, Instant periodEnd, Instant trialEnd, boolean cancelAtPeriodEnd, String pendingPlanCode,
        Instant pastDueSince, Instant endedAt, UUID billingSubscriptionId,
        @Schema(hidden = true) Instant billingEventAt, @Schema(hidden = true) Instant billingPlanEventAt,
        @Schema(hidden = true) Instant billingCancelEventAt) {

    public Status state() {
        return Status.of(status);
    }

    /** Whether billing-service charges for it: then billing is where it changes. */
    public boolean billed() {
        return billingSubscriptionId != null;
    }
}
