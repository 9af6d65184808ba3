package com.aifinance.institutional.marketdata;

import java.util.Map;

/**
 * A tradable instrument the signal engine covers.
 *
 * @param dataSource      {@code bundled} (real history shipped with the service), {@code provider} (live from market
 *                        data vendors) or {@code simulated}
 * @param providerSymbols the instrument's name at each vendor (e.g. {@code coingecko -> bitcoin}) where it differs
 * @param priceScale      decimals that prices of signals are rounded to
 */
public record Instrument(String symbol, AssetClass assetClass, String name, String currency, boolean simulated,
                         String dataSource, BarInterval barInterval, TradingCalendar calendar,
                         Map<String, String> providerSymbols, int priceScale, boolean active) {

    public Instrument {
        providerSymbols = Map.copyOf(providerSymbols);
    }

    public String providerSymbol(String provider) {
        return providerSymbols.getOrDefault(provider, symbol);
    }
}
