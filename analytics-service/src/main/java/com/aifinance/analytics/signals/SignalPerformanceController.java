package com.aifinance.analytics.signals;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

import com.aifinance.analytics.entitlement.AdvancedAnalyticsAccess;
import com.aifinance.analytics.reporting.Csv;
import com.aifinance.analytics.reporting.ReportRanges;
import com.aifinance.analytics.signals.SignalPerformanceReport.Granularity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Signal performance over time: advanced analytics for Pro and Enterprise subscribers, and for ops. */
@RestController
@RequestMapping("/api/analytics/signals")
@Tag(name = "Signal performance", description = "Accuracy and returns of resolved signals over time")
@PreAuthorize("hasRole('OPS') or hasAnyAuthority('TIER_PRO', 'TIER_ENTERPRISE')")
class SignalPerformanceController {

    private static final Set<String> MODES = Set.of("live", "backtest");
    private static final Set<String> ASSET_CLASSES = Set.of("stock", "crypto", "forex");

    private final SignalPerformance performance;
    private final AdvancedAnalyticsAccess access;
    private final Clock clock;

    SignalPerformanceController(SignalPerformance performance, AdvancedAnalyticsAccess access, Clock clock) {
        this.performance = performance;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/performance")
    @Operation(summary = "Signal performance per day, week or month",
            description = "Resolved signals of one mode (live or backtest) and one kind of market data (real or "
                    + "simulated): sample size, outcomes, accuracy with its 95 % Wilson interval, win rate, average "
                    + "return and profit factor, per period and for the whole range.")
    SignalPerformanceReport performance(
            @Parameter(description = "first day, e.g. 2026-01-01", required = true)
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day, included", required = true)
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "month") Granularity granularity,
            @Parameter(description = "live or backtest; never mixed") @RequestParam(defaultValue = "live") String mode,
            @Parameter(description = "false: real market data; true: the simulated instruments")
            @RequestParam(defaultValue = "false") boolean simulated,
            @Parameter(description = "stock, crypto or forex; all when absent")
            @RequestParam(required = false) String assetClass,
            @RequestParam(required = false) @Size(max = 100) String modelVersion) {
        access.require();
        if (!MODES.contains(mode)) {
            throw ReportRanges.invalid("mode", "must be live or backtest");
        }
        if (assetClass != null && !ASSET_CLASSES.contains(assetClass)) {
            throw ReportRanges.invalid("assetClass", "must be stock, crypto or forex");
        }
        return performance.report(ReportRanges.days(from, to, clock), granularity, mode, simulated, assetClass,
                modelVersion);
    }

    @GetMapping("/performance.csv")
    @Operation(summary = "Signal performance, as CSV")
    ResponseEntity<String> csv(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "month") Granularity granularity,
            @RequestParam(defaultValue = "live") String mode,
            @RequestParam(defaultValue = "false") boolean simulated,
            @RequestParam(required = false) String assetClass,
            @RequestParam(required = false) @Size(max = 100) String modelVersion) {
        SignalPerformanceReport report = performance(from, to, granularity, mode, simulated, assetClass, modelVersion);
        Csv csv = new Csv("period_start", "mode", "simulated", "asset_class", "model_version", "sample_size",
                "target_first", "stop_first", "horizon", "accuracy_pct", "accuracy_low_95_pct",
                "accuracy_high_95_pct", "with_return", "win_rate_pct", "average_return_pct", "profit_factor");
        for (SignalPerformanceReport.Period p : report.periods()) {
            csv.row(p.start().toString(), report.mode(), report.simulated(),
                    report.assetClass() == null ? "all" : report.assetClass(),
                    report.modelVersion() == null ? "all" : report.modelVersion(), p.sampleSize(), p.targetFirst(),
                    p.stopFirst(), p.horizon(), p.accuracyPct(), p.accuracyLow95Pct(), p.accuracyHigh95Pct(),
                    p.withReturn(), p.winRatePct(), p.averageReturnPct(), p.profitFactor());
        }
        return csv.download("signal-performance-" + report.from() + "-" + report.to() + ".csv");
    }
}
