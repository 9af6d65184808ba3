package com.aifinance.billing.subscription;

import java.util.List;

/** Subscription states as billing stores them (Stripe's vocabulary; Razorpay's is mapped onto it). */
public final class SubscriptionStatus {

    public static final String INCOMPLETE = "incomplete";
    public static final String TRIALING = "trialing";
    public static final String ACTIVE = "active";
    public static final String PAST_DUE = "past_due";
    public static final String UNPAID = "unpaid";
    public static final String PAUSED = "paused";
    public static final String CANCELED = "canceled";

    /** Order used only to break ties between events of the same second: the later state in a life cycle wins. */
    static final List<String> LIFE_CYCLE = List.of(INCOMPLETE, TRIALING, ACTIVE, PAUSED, PAST_DUE, UNPAID, CANCELED);

    private SubscriptionStatus() {
    }

    public static boolean known(String status) {
        return LIFE_CYCLE.contains(status);
    }
}
