package com.aifinance.dashboard.signals;

import java.time.Instant;

/**
 * An event of {@code aifa.signal} as the browsers receive it: a new signal ({@code signal.published}) or the
 * outcome of one ({@code signal.resolved}). {@code at} is when Basic subscribers' delay starts counting.
 */
record LiveSignal(String type, String signalId, String symbol, String assetClass, String direction, String entry,
                  String target, String stop, String horizon, Double confidence, String modelVersion,
                  Instant generatedAt, boolean simulated, String outcome, String exitPrice, String returnPct,
                  Instant resolvedAt, Instant at) {

    static final String PUBLISHED = "signal.published";
    static final String RESOLVED = "signal.resolved";

    boolean published() {
        return PUBLISHED.equals(type);
    }
}
