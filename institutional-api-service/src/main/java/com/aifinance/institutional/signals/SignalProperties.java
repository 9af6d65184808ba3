package com.aifinance.institutional.signals;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signal generation and resolution ({@code aifa.signals.*}).
 *
 * @param stockInterval   how often stock signals are generated
 * @param cryptoInterval  how often crypto signals are generated
 * @param forexInterval   how often forex signals are generated
 * @param resolveInterval how often open signals are checked against new bars
 * @param basicDelay      Basic subscribers see signals this long after they were generated
 * @param lookbackBars    bars read to compute the latest features (at least the warm-up plus a margin)
 */
@ConfigurationProperties("aifa.signals")
public record SignalProperties(
        @DefaultValue("60s") Duration stockInterval,
        @DefaultValue("60s") Duration cryptoInterval,
        @DefaultValue("60s") Duration forexInterval,
        @DefaultValue("20s") Duration resolveInterval,
        @DefaultValue("15m") Duration basicDelay,
        @DefaultValue("200") int lookbackBars) {
}
