package com.aifinance.billing.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.aifinance.billing.problem.BillingProblems;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/ops/ledger")
@PreAuthorize("hasRole('OPS')")
@Tag(name = "Ledger (ops)", description = "The append-only ledger of charges, refunds, fees and adjustments")
class LedgerController {

    private final Ledger ledger;
    private final BillingProblems problems;
    private final Clock clock;

    LedgerController(Ledger ledger, BillingProblems problems, Clock clock) {
        this.ledger = ledger;
        this.problems = problems;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Ledger entries in a time window, with net totals per currency",
            description = "Amounts are minor units; net = charges + adjustments - refunds - fees.")
    LedgerPage entries(
            @Parameter(description = "Only this provider") @RequestParam(required = false)
            @Pattern(regexp = "stripe|razorpay|bank_transfer") String provider,
            @Parameter(description = "From (inclusive); default 30 days ago") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "To (exclusive); default now") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        Instant end = to != null ? to : clock.instant().plusSeconds(1);
        Instant start = from != null ? from : end.minus(Duration.ofDays(30));
        List<LedgerEntry> entries = ledger.between(provider == null ? null : ProviderName.fromCode(provider), start, end);
        Map<String, Long> net = new TreeMap<>();
        entries.forEach(entry -> net.merge(entry.currency(), entry.signedAmountMinor(), Long::sum));
        return new LedgerPage(start, end, entries, net);
    }

    @PostMapping("/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a correcting adjustment (signed, minor units) with its reason")
    LedgerEntry adjust(@Valid @RequestBody AdjustmentRequest request) {
        if (request.amountMinor() == 0) {
            throw problems.nonPositiveAmount("An adjustment of zero changes nothing.");
        }
        String reference = "adjustment-" + UUID.randomUUID();
        String actor = Caller.current().map(Caller::subject).orElse("ops");
        ledger.record(LedgerEntry.of(LedgerEntryType.ADJUSTMENT, request.customerId(), request.userId(), null, null,
                request.amountMinor(), request.currency(), ProviderName.fromCode(request.provider()), reference,
                clock.instant(), request.reason() + " (by " + actor + ")"));
        return ledger.between(ProviderName.fromCode(request.provider()), clock.instant().minusSeconds(60),
                        clock.instant().plusSeconds(1)).stream()
                .filter(entry -> entry.providerReference().equals(reference)).findFirst().orElseThrow();
    }

    record LedgerPage(Instant from, Instant to, List<LedgerEntry> entries, Map<String, Long> netByCurrency) {
    }

    record AdjustmentRequest(
            @NotBlank @Pattern(regexp = "stripe|razorpay|bank_transfer") String provider,
            @NotBlank String customerId,
            String userId,
            @NotNull Long amountMinor,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotBlank @Size(max = 500) String reason) {
    }
}
