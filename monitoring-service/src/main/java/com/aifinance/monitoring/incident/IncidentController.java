package com.aifinance.monitoring.incident;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.monitoring.health.HealthProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incidents for ops: open by hand, post updates, resolve, read the timeline. */
@RestController
@RequestMapping("/api/monitoring/incidents")
@Tag(name = "Incidents", description = "Open, update and resolve incidents; alerts fan out to Slack and e-mail (ops)")
@PreAuthorize("hasRole('OPS')")
class IncidentController {

    private final Incidents incidents;
    private final HealthProperties monitored;
    private final Clock clock;

    IncidentController(Incidents incidents, HealthProperties monitored, Clock clock) {
        this.incidents = incidents;
        this.monitored = monitored;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Open an incident by hand", description = "Starts it as `investigating` and alerts ops.")
    ResponseEntity<Incident> open(@Valid @RequestBody OpenIncident request) {
        if (request.service() != null && !monitored.monitors(request.service())) {
            throw invalid("service", "is not a monitored service");
        }
        Incident incident = incidents.open(request.service(), request.title(), request.severity(), request.message(),
                author());
        return ResponseEntity.created(URI.create("/api/monitoring/incidents/" + incident.id())).body(incident);
    }

    @PostMapping("/{id}/updates")
    @Operation(summary = "Post an update to an open incident", description = "409 when the incident is resolved.")
    Incident update(@PathVariable UUID id, @Valid @RequestBody IncidentUpdate request) {
        return incidents.update(id, request.status(), request.message(), author());
    }

    @PostMapping("/{id}/resolve")
    @Operation(summary = "Resolve an incident", description = "409 when it is resolved already.")
    Incident resolve(@PathVariable UUID id, @Valid @RequestBody Resolution request) {
        return incidents.resolve(id, request.resolution(), author());
    }

    @GetMapping("/open")
    @Operation(summary = "Incidents not resolved yet")
    List<Incident> open() {
        return incidents.open();
    }

    @GetMapping
    @Operation(summary = "Incidents open at any time in a range (at most 366 days)")
    List<Incident> between(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        if (from == null || to == null) {
            throw invalid(from == null ? "from" : "to", "is required: the range must be bounded");
        }
        if (!to.isAfter(from)) {
            throw invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(366)) > 0) {
            throw invalid("from", "the range may span at most 366 days");
        }
        if (from.isAfter(clock.instant())) {
            throw invalid("from", "must not be in the future");
        }
        return incidents.between(from, to);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One incident with its timeline")
    Incident one(@PathVariable UUID id) {
        return incidents.find(id).orElseThrow(() -> ApiProblem.notFound("Incident " + id));
    }

    private static String author() {
        return Caller.current().map(Caller::subject).orElse("unknown");
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                field + " " + message + ".", Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    record OpenIncident(@Size(max = 63) String service,
                        @NotBlank @Size(min = 3, max = 200) String title,
                        @NotBlank @Pattern(regexp = "minor|major|critical") String severity,
                        @NotBlank @Size(max = 2000) String message) {
    }

    record IncidentUpdate(@NotBlank @Pattern(regexp = "investigating|identified|monitoring") String status,
                          @NotBlank @Size(max = 2000) String message) {
    }

    record Resolution(@NotBlank @Size(max = 2000) String resolution) {
    }
}
