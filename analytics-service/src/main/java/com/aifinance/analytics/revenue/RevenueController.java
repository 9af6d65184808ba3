package com.aifinance.analytics.revenue;

import java.time.Clock;
import java.time.LocalDate;

import com.aifinance.analytics.reporting.Csv;
import com.aifinance.analytics.reporting.ReportRanges;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/analytics")
@Tag(name = "Revenue", description = "Money collected by tier and currency (ops)")
@PreAuthorize("hasRole('OPS')")
class RevenueController {

    private final Revenue revenue;
    private final Clock clock;

    RevenueController(Revenue revenue, Clock clock) {
        this.revenue = revenue;
        this.clock = clock;
    }

    @GetMapping("/revenue")
    @Operation(summary = "Revenue collected per month, tier and currency",
            description = "Payments and paid invoices minus refunds, in each currency and converted into `currency` "
                    + "at each day's stored rate.")
    RevenueReport report(@Parameter(description = "first day, e.g. 2026-01-01", required = true)
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @Parameter(description = "last day, included", required = true)
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         @RequestParam(defaultValue = "USD") String currency) {
        return revenue.report(ReportRanges.days(from, to, clock), ReportRanges.currency(currency));
    }

    @GetMapping("/revenue.csv")
    @Operation(summary = "Revenue collected, as CSV")
    ResponseEntity<String> csv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                               @RequestParam(defaultValue = "USD") String currency) {
        RevenueReport report = report(from, to, currency);
        Csv csv = new Csv("month", "tier", "currency", "gross_minor", "refunded_minor", "net_minor",
                "report_currency", "gross_converted_minor", "refunded_converted_minor", "net_converted_minor");
        for (RevenueReport.Line line : report.lines()) {
            csv.row(line.month().toString(), line.tier(), line.currency(), line.grossMinor(), line.refundedMinor(),
                    line.netMinor(), report.currency(), line.grossConvertedMinor(), line.refundedConvertedMinor(),
                    line.netConvertedMinor());
        }
        return csv.download("revenue-" + report.from() + "-" + report.to() + ".csv");
    }
}
