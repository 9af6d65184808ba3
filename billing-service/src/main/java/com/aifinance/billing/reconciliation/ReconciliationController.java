package com.aifinance.billing.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/ops/reconciliations")
@PreAuthorize("hasRole('OPS')")
@Tag(name = "Reconciliation (ops)", description = "Ledger against the providers' own lists, and every difference")
class ReconciliationController {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationController.class);

    private final Reconciliation reconciliation;
    private final Clock clock;

    ReconciliationController(Reconciliation reconciliation, Clock clock) {
        this.reconciliation = reconciliation;
        this.clock = clock;
    }

    record RunRequest(Instant from, Instant to) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Run a reconciliation now over a window (default: the last 3 days)")
    ReconciliationRun run(@RequestBody(required = false) RunRequest request) {
        Instant to = request != null && request.to() != null ? request.to() : clock.instant();
        Instant from = request != null && request.from() != null ? request.from() : to.minus(Duration.ofDays(3));
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(Duration.ofDays(93)) > 0) {
            throw ApiProblem.invalid("The window must have from before to and span at most 93 days.");
        }
        return reconciliation.run(from, to);
    }

    @GetMapping
    @Operation(summary = "Recent runs (without their differences)")
    List<ReconciliationRun> recent() {
        return reconciliation.recent(50);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One run with every difference it found")
    ReconciliationRun run(@PathVariable UUID id) {
        return reconciliation.find(id).orElseThrow(() -> ApiProblem.notFound("Reconciliation run " + id));
    }

    @Scheduled(cron = "${aifa.billing.reconciliation.cron:0 30 2 * * *}")
    void scheduled() {
        try {
            ReconciliationRun run = reconciliation.runScheduled();
            log.info("Reconciliation {}: {}", run.status(), run.summary());
        } catch (RuntimeException e) {
            log.error("Scheduled reconciliation failed", e);
        }
    }
}
