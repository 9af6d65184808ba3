package com.aifinance.monitoring.status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.aifinance.monitoring.health.CheckResult;
import com.aifinance.monitoring.health.HealthChecks;
import com.aifinance.monitoring.health.HealthCycleCompleted;
import com.aifinance.monitoring.health.HealthProperties;
import com.aifinance.monitoring.incident.Incident;
import com.aifinance.monitoring.incident.Incidents;
import com.aifinance.monitoring.probe.ProbeResult;
import com.aifinance.monitoring.probe.SyntheticProbes;
import com.aifinance.monitoring.uptime.AvailabilityBoard;
import com.aifinance.monitoring.uptime.ServiceAvailability;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Puts the status page together from the latest checks, journeys, availability and incidents. */
@Component
class PlatformStatus {

    static final String GATEWAY = "gateway-service";
    static final Duration RECENT_INCIDENTS = Duration.ofDays(7);

    private final HealthProperties monitored;
    private final HealthChecks checks;
    private final AvailabilityBoard availability;
    private final SyntheticProbes probes;
    private final Incidents incidents;
    private final Clock clock;
    private volatile Map<String, CheckResult> latest;

    PlatformStatus(HealthProperties monitored, HealthChecks checks, AvailabilityBoard availability,
                   SyntheticProbes probes, Incidents incidents, Clock clock) {
        this.monitored = monitored;
        this.checks = checks;
        this.availability = availability;
        this.probes = probes;
        this.incidents = incidents;
        this.clock = clock;
    }

    @EventListener
    void onCycle(HealthCycleCompleted cycle) {
        latest = cycle.results().stream().collect(Collectors.toMap(CheckResult::service, Function.identity()));
    }

    /** The latest check of each monitored service (loaded from the database until the first cycle). */
    Map<String, CheckResult> latestChecks() {
        Map<String, CheckResult> current = latest;
        if (current == null) {
            current = checks.latest().stream().collect(Collectors.toMap(CheckResult::service, Function.identity()));
            latest = current;
        }
        return current;
    }

    StatusPage page() {
        Map<String, CheckResult> current = latestChecks();
        List<StatusPage.Service> services = new ArrayList<>();
        int down = 0;
        boolean gatewayDown = false;
        for (String name : monitored.services()) {
            CheckResult check = current.get(name);
            String status = check == null ? "unknown" : check.status();
            if (check != null && !check.up()) {
                down++;
                gatewayDown |= GATEWAY.equals(name);
            }
            Map<String, BigDecimal> uptime = availability.of(name).map(ServiceAvailability::uptime).orElse(Map.of());
            services.add(new StatusPage.Service(name, status, check == null ? null : check.responseMs(),
                    check == null ? null : check.checkedAt(), uptime));
        }
        List<StatusPage.Journey> journeys = probes.latest().stream()
                .map(result -> new StatusPage.Journey(result.probe(), result.success() ? "passing" : "failing",
                        result.checkedAt()))
                .toList();
        Instant since = clock.instant().minus(RECENT_INCIDENTS);
        List<StatusPage.PublicIncident> shown = incidents.between(since, clock.instant().plusSeconds(1)).stream()
                .map(PlatformStatus::publicView).toList();
        boolean journeyFailing = journeys.stream().anyMatch(journey -> "failing".equals(journey.status()));
        boolean incidentOpen = shown.stream().anyMatch(incident -> incident.resolvedAt() == null);
        String overall = gatewayDown || down * 2 >= monitored.services().size() ? "major_outage"
                : down > 0 ? "partial_outage"
                : journeyFailing || incidentOpen ? "degraded"
                : "operational";
        return new StatusPage(overall, clock.instant(), services, journeys, shown);
    }

    Optional<CheckResult> latest(String service) {
        return Optional.ofNullable(latestChecks().get(service));
    }

    List<ProbeResult> journeys() {
        return probes.latest();
    }

    private static StatusPage.PublicIncident publicView(Incident incident) {
        return new StatusPage.PublicIncident(incident.id().toString(), incident.title(), incident.service(),
                incident.severity(), incident.status(), incident.openedAt(), incident.resolvedAt(),
                incident.updates().stream()
                        .map(update -> new StatusPage.Update(update.at(), update.status(), update.message()))
                        .toList());
    }
}
