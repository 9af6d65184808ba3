package com.aifinance.monitoring.probe;

import java.time.Clock;

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

    ProbeSchedule(SyntheticProbes probes, ProbeResults results, Clock clock) {
        this.probes = probes;
        this.results = results;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${aifa.monitoring.probes.initial-delay:30s}",
            fixedDelayString = "${aifa.monitoring.probes.interval:60s}")
    void run() {
        try {
            probes.runAll().stream().filter(result -> !result.success()).forEach(result ->
                    log.warn("Synthetic journey {} failed: {}", result.probe(), result.detail()));
        } catch (RuntimeException e) {
            log.error("Synthetic journeys could not run: {}", e.toString());
        }
    }

    @Scheduled(cron = "${aifa.monitoring.probes.prune-cron:0 47 3 * * *}", zone = "UTC")
    void prune() {
        results.deleteBefore(clock.instant().minus(SyntheticProbes.RETENTION));
    }
}
