package com.aifinance.billing.dunning;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Takes the dunning steps that are due. */
@Component
class DunningJob {

    private static final Logger log = LoggerFactory.getLogger(DunningJob.class);

    private final Dunning dunning;
    private final Clock clock;

    DunningJob(Dunning dunning, Clock clock) {
        this.dunning = dunning;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${aifa.billing.dunning.check-interval:1m}", initialDelayString = "30s")
    void runDue() {
        try {
            int steps = dunning.runDue(clock.instant());
            if (steps > 0) {
                log.info("Dunning: {} step(s) taken", steps);
            }
        } catch (RuntimeException e) {
            log.error("Dunning run failed; it runs again in {}", dunning.checkInterval(), e);
        }
    }
}
