package com.aifinance.monitoring.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Raw readiness checks, for ops. */
@RestController
@RequestMapping("/api/monitoring")
@Tag(name = "Health checks", description = "Readiness checks of every service (ops)")
@PreAuthorize("hasRole('OPS')")
class HealthController {

    static final Duration MAX_RANGE = Duration.ofDays(7);
    static final int MAX_ROWS = 20_000;

    private final HealthPoller poller;
    private final HealthChecks checks;
    private final HealthProperties properties;
    private final Clock clock;

    HealthController(HealthPoller poller, HealthChecks checks, HealthProperties properties, Clock clock) {
        this.poller = poller;
        this.checks = checks;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/services/{service}/checks")
    @Operation(summary = "A service's readiness checks in a time range (at most 7 days), newest first")
    List<CheckResult> checks(@PathVariable String service,
                             @Parameter(description = "ISO-8601 instant", required = true)
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                             @Parameter(description = "ISO-8601 instant, excluded", required = true)
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        requireMonitored(service, properties);
        if (from == null || to == null) {
            throw invalid(from == null ? "from" : "to", "is required: the range must be bounded");
        }
        if (!to.isAfter(from)) {
            throw invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw invalid("from", "the range may span at most 7 days");
        }
        if (from.isAfter(clock.instant())) {
            throw invalid("from", "must not be in the future");
        }
        return checks.between(service, from, to, MAX_ROWS);
    }

    @PostMapping("/checks/run")
    @Operation(summary = "Poll every service now (ops)", description = "Runs a health cycle outside the schedule.")
    List<CheckResult> runNow() {
        return poller.runCycle();
    }

    /** Refuses a service the monitor does not know, as a 404 problem. */
    static void requireMonitored(String service, HealthProperties properties) {
        if (!properties.monitors(service)) {
            throw ApiProblem.notFound("Monitored service " + service);
        }
    }

    static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                field + " " + message + ".", Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
