package com.aifinance.subscription.lifecycle;

import java.util.Locale;

/** Where a subscription is in its life; the contract's lower-case names. */
public enum Status {
    TRIALING, ACTIVE, PAST_DUE, CANCELED, EXPIRED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** A live subscription grants its tier (past due too, while billing retries within the grace period). */
    public boolean live() {
        return this == TRIALING || this == ACTIVE || this == PAST_DUE;
    }
}
