package com.aifinance.institutional.signals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.trading.Direction;
import com.aifinance.institutional.trading.Outcome;

/**
 * A trading signal: enter at {@code entry} (the close of the bar at {@code basisBarAt}), take profit at
 * {@code target}, cut the loss at {@code stop}, close after {@code horizon}. Resolution fields are null while open.
 */
public record Signal(UUID id, String symbol, AssetClass assetClass, Direction direction, BigDecimal entry,
                     BigDecimal target, BigDecimal stop, Duration horizon, int horizonBars, String barInterval,
                     Instant basisBarAt, Instant expiresAt, BigDecimal confidence, String modelVersion,
                     Instant generatedAt, boolean simulated, String status, Outcome outcome, BigDecimal exitPrice,
                     Instant exitAt, BigDecimal returnPct, Instant resolvedAt) {

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";

    public boolean open() {
        return OPEN.equals(status);
    }
}
