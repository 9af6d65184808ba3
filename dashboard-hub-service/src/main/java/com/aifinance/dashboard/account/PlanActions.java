package com.aifinance.dashboard.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the subscriber can do with their subscription on the plan page, and why. A subscription billing-service
 * charges ({@code billingSubscriptionId}) changes only at billing, which tells the payment provider; a trial nobody
 * pays for yet changes at subscription-service. An ended subscription comes back only with a new payment (billing's
 * reactivate takes back a cancellation scheduled for the period end, it cannot restart an ended subscription).
 *
 * @param billed              billing-service charges this subscription: changes go to billing's endpoints
 * @param provider            billing's provider of a billed subscription ({@code stripe}, {@code razorpay},
 *                            {@code bank_transfer}), or null
 * @param choices             the plans it can change to (same currency, not the current plan)
 * @param reactivatePlanCode  for an ended subscription: the plan a new checkout restarts it on
 * @param reactivatePayment   {@code card} or {@code bank_transfer}, as the ended subscription was paid
 */
record PlanActions(boolean billed, String provider, boolean canChangePlan, boolean canCancel, boolean canUndoCancel,
                   boolean undoNeedsNewCheckout, boolean canPayTrial, boolean ended, String reactivatePlanCode,
                   String reactivatePayment, List<Choice> choices) {

    record Choice(String code, String label) {
    }

    static final PlanActions NONE = new PlanActions(false, null, false, false, false, false, false, false, null,
            null, List.of());

    static PlanActions of(AccountViews.Subscription subscription, AccountViews.BillingSubscription paidWith) {
        if (subscription == null || subscription.status() == null) {
            return NONE;
        }
        boolean billed = subscription.billed();
        String provider = paidWith == null || paidWith.provider() == null ? null
                : paidWith.provider().toLowerCase(Locale.ROOT);
        boolean live = subscription.live();
        boolean pastDue = "past_due".equals(subscription.status());
        boolean bankTransfer = "bank_transfer".equals(provider);
        boolean knownPlan = subscription.planCode() != null
                && subscription.planCode().matches(SubscriptionController.PLAN_CODE);
        // billing changes the plan of an active (or trialing) subscription only; contracts by bank transfer change
        // through the account manager
        boolean canChange = live && !pastDue && !(billed && bankTransfer) && subscription.currency() != null;
        // subscription-service schedules a cancellation for trialing and active; billing cancels any open one
        boolean canCancel = live && !subscription.cancelAtPeriodEnd() && (billed || !pastDue);
        // Razorpay cannot take a cancellation back (billing answers 422 provider-error)
        boolean razorpay = billed && "razorpay".equals(provider);
        boolean canUndo = live && subscription.cancelAtPeriodEnd() && !razorpay;
        boolean undoNeedsCheckout = live && subscription.cancelAtPeriodEnd() && razorpay;
        boolean ended = !live;
        boolean payTrial = live && !billed && "trialing".equals(subscription.status()) && knownPlan;
        return new PlanActions(billed, provider, canChange, canCancel, canUndo, undoNeedsCheckout, payTrial, ended,
                ended && knownPlan ? subscription.planCode() : null,
                bankTransfer && "enterprise".equals(subscription.tier()) ? "bank_transfer" : "card",
                canChange ? choices(subscription) : List.of());
    }

    private static List<Choice> choices(AccountViews.Subscription subscription) {
        String currency = subscription.currency().toLowerCase(Locale.ROOT);
        List<Choice> choices = new ArrayList<>();
        for (String interval : List.of("month", "year")) {
            for (String tier : List.of("basic", "pro", "enterprise")) {
                String code = tier + "-" + interval + "-" + currency;
                if (!code.equals(subscription.planCode()) && code.matches(SubscriptionController.PLAN_CODE)) {
                    choices.add(new Choice(code, Character.toUpperCase(tier.charAt(0)) + tier.substring(1)
                            + ("year".equals(interval) ? ", yearly" : ", monthly")));
                }
            }
        }
        return List.copyOf(choices);
    }
}
