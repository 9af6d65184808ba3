package com.aifinance.institutional.marketdata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One OHLCV bar. {@code time} is the start of the bar's period; {@code volume} is null when the source does not
 * report it (CoinGecko's OHLC endpoint).
 */
public record Bar(Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume,
                  String source) {

    /** Why this bar must not be stored, or empty when it is sound. */
    public Optional<String> defect() {
        if (time == null || open == null || high == null || low == null || close == null) {
            return Optional.of("missing field");
        }
        if (open.signum() <= 0 || high.signum() <= 0 || low.signum() <= 0 || close.signum() <= 0) {
            return Optional.of("non-positive price");
        }
        if (high.compareTo(low) < 0 || high.compareTo(open) < 0 || high.compareTo(close) < 0
                || low.compareTo(open) > 0 || low.compareTo(close) > 0) {
            return Optional.of("inconsistent OHLC");
        }
        if (volume != null && volume.signum() < 0) {
            return Optional.of("negative volume");
        }
        return Optional.empty();
    }

    /** Same prices and volume (ignoring the source and trailing zeros). */
    boolean sameValues(Bar other) {
        return open.compareTo(other.open) == 0 && high.compareTo(other.high) == 0 && low.compareTo(other.low) == 0
                && close.compareTo(other.close) == 0
                && (volume == null ? other.volume == null : other.volume != null && volume.compareTo(other.volume) == 0);
    }
}
