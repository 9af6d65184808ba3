package com.aifinance.institutional.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.aifinance.institutional.marketdata.AssetClass;

/**
 * What the caller may see: the asset classes of its plan, and how late (Basic sees signals and bars after a delay).
 *
 * @param caller the token's subject: a user id, or an institutional client's id
 */
record Access(String caller, String tier, boolean institutional, String organisation, Set<AssetClass> assetClasses,
              Duration delay) {

    boolean entitledTo(AssetClass assetClass) {
        return assetClasses.contains(assetClass);
    }

    /** The newest moment the caller may see data of, or null when it sees everything in real time. */
    Instant visibleUntil(Instant now) {
        return delay.isZero() ? null : now.minus(delay);
    }
}
