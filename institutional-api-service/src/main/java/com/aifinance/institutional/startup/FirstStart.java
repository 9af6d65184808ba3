package com.aifinance.institutional.startup;

import com.aifinance.institutional.marketdata.MarketFeeds;
import com.aifinance.institutional.model.ModelTraining;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After the service is up (it answers and is ready at once): loads the bundled real history if it is not there yet,
 * fills the simulated market, fetches live data when vendors are configured, and trains walk-forward the families
 * that have no model. Runs in the background; until a family has a model it simply gets no signals.
 */
@Component
@ConditionalOnProperty(prefix = "aifa.bootstrap", name = "enabled", matchIfMissing = true)
class FirstStart {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final MarketFeeds feeds;
    private final ModelTraining training;

    FirstStart(MarketFeeds feeds, ModelTraining training) {
        this.feeds = feeds;
        this.training = training;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread.ofVirtual().name("aifa-first-start").start(this::run);
    }

    void run() {
        try {
            long started = System.nanoTime();
            int bundled = feeds.loadBundledHistory();
            int simulated = feeds.advanceSimulatedMarket();
            int live = feeds.refreshLiveInstruments();
            training.trainMissing();
            log.info("Market data and models ready in {} ms ({} bundled, {} simulated, {} vendor bars stored)",
                    (System.nanoTime() - started) / 1_000_000, bundled, simulated, live);
        } catch (RuntimeException e) {
            log.error("First start did not complete; it is retried at the next start", e);
        }
    }
}
