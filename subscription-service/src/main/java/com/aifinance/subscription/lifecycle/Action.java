package com.aifinance.subscription.lifecycle;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What can happen to a subscription; {@link Lifecycle} says in which states each is allowed. */
public enum Action {
    /** a payment succeeded (or ops confirm one): the period is paid */
    ACTIVATE,
    /** a payment failed and billing will retry */
    MARK_PAST_DUE,
    /** ends the subscription now: the last payment attempt failed, the grace period ran out, or ops decided */
    CANCEL,
    /** ends the subscription because its term ran out: a trial without payment, or ops */
    EXPIRE,
    /** brings an ended subscription back (a payment arrived, or ops) */
    REACTIVATE,
    /** the customer cancels at the end of the paid period */
    SCHEDULE_CANCEL,
    /** the customer takes back a scheduled cancellation before the period ends */
    UNDO_CANCEL,
    /** a higher plan, effective now */
    UPGRADE,
    /** a lower plan (or another interval), effective at the end of the period */
    SCHEDULE_DOWNGRADE,
    /** the period ended: a scheduled downgrade takes effect */
    APPLY_DOWNGRADE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Action of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
