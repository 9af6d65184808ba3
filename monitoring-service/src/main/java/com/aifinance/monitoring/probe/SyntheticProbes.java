package com.aifinance.monitoring.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the journeys, stores their results and keeps the gauges {@code monitor_probe_success{probe}} (1 passed,
 * 0 failed, NaN not run yet) and {@code monitor_probe_duration_seconds{probe}}.
 */
@Component
public class SyntheticProbes {

    private final SyntheticJourneys journeys;
    private final ProbeResults results;
    private final Map<String, ProbeResult> latest = new ConcurrentHashMap<>();

    SyntheticProbes(ProbeProperties properties, ProbeResults results, JsonMapper mapper, Clock clock,
                    MeterRegistry meters) {
        this.journeys = new SyntheticJourneys(properties, mapper, clock);
        this.results = results;
        for (String probe : SyntheticJourneys.ALL) {
            Gauge.builder("monitor.probe.success", latest, values -> values.containsKey(probe)
                            ? (values.get(probe).success() ? 1 : 0) : Double.NaN)
                    .description("Whether the synthetic journey passed on its last run").tag("probe", probe)
                    .register(meters);
            Gauge.builder("monitor.probe.duration", latest, values -> values.containsKey(probe)
                            ? values.get(probe).durationMs() / 1000.0 : Double.NaN)
                    .description("How long the journey's last run took").baseUnit("seconds").tag("probe", probe)
                    .register(meters);
        }
    }

    /** Runs every journey now. */
    public List<ProbeResult> runAll() {
        List<ProbeResult> run = journeys.runAll();
        results.record(run);
        run.forEach(result -> latest.put(result.probe(), result));
        return run;
    }

    /** The latest result of each journey, run or loaded from the database. */
    public List<ProbeResult> latest() {
        if (latest.isEmpty()) {
            results.latest().forEach(result -> latest.putIfAbsent(result.probe(), result));
        }
        return SyntheticJourneys.ALL.stream().filter(latest::containsKey).map(latest::get).toList();
    }

    static final Duration RETENTION = Duration.ofDays(35);
}
