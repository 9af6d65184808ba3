package com.aifinance.institutional.marketdata;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated market ({@code aifa.simulated-market.*}) that gives the demo breadth and a live flow of bars. Every
 * simulated instrument is flagged {@code simulated}; nothing about real markets can be learned from it.
 *
 * @param backfillBars one-minute bars generated for each instrument at first start (and at most after a pause)
 */
@ConfigurationProperties("aifa.simulated-market")
public record SimulatedMarketProperties(@DefaultValue("true") boolean enabled,
                                        @DefaultValue("1440") int backfillBars) {
}
