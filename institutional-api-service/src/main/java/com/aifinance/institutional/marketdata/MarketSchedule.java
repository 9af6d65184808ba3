package com.aifinance.institutional.marketdata;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The simulated market ticks every 20 s; vendors are asked every {@code aifa.market-data.refresh-interval}. */
@Component
@ConditionalOnProperty(prefix = "aifa.jobs", name = "enabled", matchIfMissing = true)
class MarketSchedule {

    private final MarketFeeds feeds;
    private final EconomicData economicData;

    MarketSchedule(MarketFeeds feeds, EconomicData economicData) {
        this.feeds = feeds;
        this.economicData = economicData;
    }

    @Scheduled(fixedDelayString = "20s", initialDelayString = "20s")
    void simulatedMarket() {
        feeds.advanceSimulatedMarket();
    }

    @Scheduled(fixedDelayString = "${aifa.market-data.refresh-interval:15m}", initialDelayString = "10s")
    void vendors() {
        feeds.refreshLiveInstruments();
    }

    @Scheduled(fixedDelayString = "6h", initialDelayString = "30s")
    void economicIndicators() {
        economicData.refresh();
    }
}
