package com.aifinance.monitoring.probe;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnProperty(name = "aifa.monitoring.probes.scheduling-enabled", havingValue = "true", matchIfMissing = true)
class ProbeSchedule {

    private static final Logger log = LoggerFactory.getLogger(ProbeSchedule.class);

    private final SyntheticProbes probes;
    private final ProbeResults results;
    private final Clock clock;
    /** Each journey's last outcome, so the log tells when one starts failing or recovers, not every minute. */
    private final Map<String, Boolean> lastOutcome = new ConcurrentHashMap<>();

    ProbeSchedule(SyntheticProbes probes, ProbeResults results, Clock clock) {
        this.probes = probes;
        this.results = results;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${aifa.monitoring.probes.initial-delay:30s}",
            fixedDelayString = "${aifa.monitoring.probes.interval:60s}")
    void run() {
        try {
            for (ProbeResult result : probes.runAll()) {
                Boolean before = lastOutcome.put(result.probe(), result.success());
                if (!result.success() && !Boolean.FALSE.equals(before)) {
                    log.warn("Synthetic journey {} fails: {}", result.probe(), result.detail());
                } else if (result.success() && Boolean.FALSE.equals(before)) {
                    log.info("Synthetic journey {} passes again", result.probe());
                }
            }
        } catch (RuntimeException e) {
            log.error("Synthetic journeys could not run: {}", e.toString());
        }
    }

    @Scheduled(cron = "${aifa.monitoring.probes.prune-cron:0 47 3 * * *}", zone = "UTC")
    void prune() {
        results.deleteBefore(clock.instant().minus(SyntheticProbes.RETENTION));
    }
}
