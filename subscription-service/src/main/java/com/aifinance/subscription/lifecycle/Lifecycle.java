package com.aifinance.subscription.lifecycle;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static com.aifinance.subscription.lifecycle.Action.ACTIVATE;
import static com.aifinance.subscription.lifecycle.Action.APPLY_DOWNGRADE;
import static com.aifinance.subscription.lifecycle.Action.CANCEL;
import static com.aifinance.subscription.lifecycle.Action.EXPIRE;
import static com.aifinance.subscription.lifecycle.Action.MARK_PAST_DUE;
import static com.aifinance.subscription.lifecycle.Action.REACTIVATE;
import static com.aifinance.subscription.lifecycle.Action.SCHEDULE_CANCEL;
import static com.aifinance.subscription.lifecycle.Action.SCHEDULE_DOWNGRADE;
import static com.aifinance.subscription.lifecycle.Action.UNDO_CANCEL;
import static com.aifinance.subscription.lifecycle.Action.UPGRADE;
import static com.aifinance.subscription.lifecycle.Status.ACTIVE;
import static com.aifinance.subscription.lifecycle.Status.CANCELED;
import static com.aifinance.subscription.lifecycle.Status.EXPIRED;
import static com.aifinance.subscription.lifecycle.Status.PAST_DUE;
import static com.aifinance.subscription.lifecycle.Status.TRIALING;

/**
 * The subscription state machine as a table: for each state, the actions allowed and the state they lead to. A pair
 * missing from the table is refused. Canceled and expired are ended: only reactivation leaves them.
 *
 * <pre>
 *   trialing ──activate──▶ active ◀──activate── past_due
 *      │  └──mark_past_due──────────▶ past_due ◀──mark_past_due── active
 *      ├─cancel─▶ canceled ◀─cancel─ active, past_due      (final failed payment, grace over, ops)
 *      └─expire─▶ expired  ◀─expire─ active, past_due      (trial or term ran out)
 *   canceled, expired ──reactivate──▶ active
 *   trialing, active: schedule_cancel / undo_cancel / upgrade / schedule_downgrade (state unchanged)
 *   active: apply_downgrade at period end (state unchanged)
 * </pre>
 */
public final class Lifecycle {

    private static final Map<Status, Map<Action, Status>> TRANSITIONS = new EnumMap<>(Status.class);

    static {
        allow(TRIALING, ACTIVATE, ACTIVE);
        allow(TRIALING, MARK_PAST_DUE, PAST_DUE);
        allow(TRIALING, CANCEL, CANCELED);
        allow(TRIALING, EXPIRE, EXPIRED);
        allow(TRIALING, SCHEDULE_CANCEL, TRIALING);
        allow(TRIALING, UNDO_CANCEL, TRIALING);
        allow(TRIALING, UPGRADE, TRIALING);
        allow(TRIALING, SCHEDULE_DOWNGRADE, TRIALING);

        allow(ACTIVE, ACTIVATE, ACTIVE);
        allow(ACTIVE, MARK_PAST_DUE, PAST_DUE);
        allow(ACTIVE, CANCEL, CANCELED);
        allow(ACTIVE, EXPIRE, EXPIRED);
        allow(ACTIVE, SCHEDULE_CANCEL, ACTIVE);
        allow(ACTIVE, UNDO_CANCEL, ACTIVE);
        allow(ACTIVE, UPGRADE, ACTIVE);
        allow(ACTIVE, SCHEDULE_DOWNGRADE, ACTIVE);
        allow(ACTIVE, APPLY_DOWNGRADE, ACTIVE);

        allow(PAST_DUE, ACTIVATE, ACTIVE);
        allow(PAST_DUE, MARK_PAST_DUE, PAST_DUE);
        allow(PAST_DUE, CANCEL, CANCELED);
        allow(PAST_DUE, EXPIRE, EXPIRED);

        allow(CANCELED, REACTIVATE, ACTIVE);
        allow(EXPIRED, REACTIVATE, ACTIVE);
    }

    private Lifecycle() {
    }

    /** The state {@code action} leads to from {@code from}, or empty when the action is not allowed there. */
    public static Optional<Status> next(Status from, Action action) {
        return Optional.ofNullable(TRANSITIONS.getOrDefault(from, Map.of()).get(action));
    }

    private static void allow(Status from, Action action, Status to) {
        TRANSITIONS.computeIfAbsent(from, status -> new EnumMap<>(Action.class)).put(action, to);
    }
}
