package com.aifinance.institutional.marketdata;

import java.time.Instant;
import java.util.List;

/** A vendor of bars. Alpha Vantage, CoinGecko and Yahoo Finance are the implementations. */
interface MarketDataProvider {

    /** The name stored as a bar's source and used in metrics. */
    String name();

    boolean enabled();

    ProviderSettings settings();

    /** Whether this vendor can deliver bars of the instrument's asset class and interval. */
    boolean supports(Instrument instrument);

    /** Bars since {@code since} (the vendor may return more); raw, not yet cleaned. */
    List<Bar> fetchBars(Instrument instrument, Instant since);
}
