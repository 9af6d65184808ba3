package com.aifinance.billing.subscription;

import java.util.Locale;

/** Who or what changed a subscription: the {@code cause} of the events billing publishes about it. */
public enum ChangeCause {
    /** the customer, through billing's API */
    CUSTOMER,
    /** operations staff, through billing's API */
    OPS,
    /** the payment provider's webhook (its dashboard, its customer portal, its own schedule) */
    PROVIDER,
    /** billing's dunning: a failed payment, a retry, the last retry failing */
    DUNNING,
    /** a payment arrived */
    PAYMENT,
    /** the paid period ended (a scheduled downgrade takes effect) */
    PERIOD_END,
    /** subscription-service ended the subscription (ops, or a period-end cancellation there) */
    SUBSCRIPTION_SERVICE,
    /** an unpaid checkout was replaced by a checkout for another plan or provider */
    CHECKOUT_REPLACED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
