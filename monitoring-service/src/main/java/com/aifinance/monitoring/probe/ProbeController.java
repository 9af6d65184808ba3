package com.aifinance.monitoring.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/monitoring/probes")
@Tag(name = "Synthetic probes", description = "Key user journeys run through the gateway (ops)")
@PreAuthorize("hasRole('OPS')")
class ProbeController {

    private final SyntheticProbes probes;
    private final ProbeResults results;
    private final Clock clock;

    ProbeController(SyntheticProbes probes, ProbeResults results, Clock clock) {
        this.probes = probes;
        this.results = results;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Each journey's last result and its pass rate over 24 hours")
    List<ProbeStanding> latest() {
        return probes.latest().stream().map(result -> new ProbeStanding(result,
                results.successRatio(result.probe(), clock.instant().minus(Duration.ofHours(24))))).toList();
    }

    @PostMapping("/run")
    @Operation(summary = "Run every journey now (ops)")
    List<ProbeResult> run() {
        return probes.runAll();
    }

    /** @param successRatio24h passed runs ÷ runs over the last 24 hours */
    record ProbeStanding(ProbeResult last, Double successRatio24h) {
    }
}
