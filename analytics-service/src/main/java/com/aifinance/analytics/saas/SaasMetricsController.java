package com.aifinance.analytics.saas;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.aifinance.analytics.reporting.Csv;
import com.aifinance.analytics.reporting.ReportRanges;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The business's SaaS metrics, for ops: the company's revenue is not for subscribers' eyes. */
@RestController
@RequestMapping("/api/analytics")
@Tag(name = "SaaS metrics", description = "MRR and its movements, churn, retention, ARPA, LTV, cohorts (ops)")
@PreAuthorize("hasRole('OPS')")
class SaasMetricsController {

    private static final Set<String> TIERS = Set.of("basic", "pro", "enterprise", "institutional");

    private final SaasMetrics metrics;
    private final Clock clock;

    SaasMetricsController(SaasMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/mrr")
    @Operation(summary = "MRR movements per month",
            description = "New, expansion, contraction, churned and reactivation MRR, net new MRR, ARR, customer and "
                    + "MRR churn rates, net revenue retention, ARPA and LTV for each month of the range. Money in "
                    + "minor units of `currency`, converted at each month's last-day rates.")
    MrrReport mrr(@Parameter(description = "first month, e.g. 2026-01", required = true)
                  @RequestParam(required = false) YearMonth from,
                  @Parameter(description = "last month, included", required = true)
                  @RequestParam(required = false) YearMonth to,
                  @Parameter(description = "report currency (ISO 4217)") @RequestParam(defaultValue = "USD")
                  String currency,
                  @Parameter(description = "only customers of this tier (basic, pro, enterprise, institutional)")
                  @RequestParam(required = false) String tier) {
        return metrics.movements(ReportRanges.months(from, to, clock), ReportRanges.currency(currency), tier(tier));
    }

    @GetMapping("/mrr.csv")
    @Operation(summary = "MRR movements per month, as CSV")
    ResponseEntity<String> mrrCsv(@RequestParam(required = false) YearMonth from,
                                  @RequestParam(required = false) YearMonth to,
                                  @RequestParam(defaultValue = "USD") String currency,
                                  @RequestParam(required = false) String tier) {
        MrrReport report = mrr(from, to, currency, tier);
        Csv csv = new Csv("month", "currency", "tier", "rate_date", "opening_mrr_minor", "new_mrr_minor",
                "expansion_mrr_minor", "contraction_mrr_minor", "churned_mrr_minor", "reactivation_mrr_minor",
                "net_new_mrr_minor", "closing_mrr_minor", "arr_minor", "customers_at_start", "new_customers",
                "reactivated_customers", "churned_customers", "customers_at_end", "customer_churn_rate_pct",
                "gross_mrr_churn_rate_pct", "net_mrr_churn_rate_pct", "net_revenue_retention_pct", "arpa_minor",
                "ltv_minor");
        for (MrrMonth m : report.months()) {
            csv.row(m.month().toString(), report.currency(), report.tier() == null ? "all" : report.tier(),
                    m.rateDate().toString(), m.openingMrrMinor(), m.newMrrMinor(), m.expansionMrrMinor(),
                    m.contractionMrrMinor(), m.churnedMrrMinor(), m.reactivationMrrMinor(), m.netNewMrrMinor(),
                    m.closingMrrMinor(), m.arrMinor(), m.customersAtStart(), m.newCustomers(),
                    m.reactivatedCustomers(), m.churnedCustomers(), m.customersAtEnd(), m.customerChurnRatePct(),
                    m.grossMrrChurnRatePct(), m.netMrrChurnRatePct(), m.netRevenueRetentionPct(), m.arpaMinor(),
                    m.ltvMinor());
        }
        return csv.download("mrr-" + report.from() + "-" + report.to() + ".csv");
    }

    @GetMapping("/cohorts")
    @Operation(summary = "Cohort retention by first-payment month",
            description = "For each month of the range, the customers who first paid in it, and how many of them and "
                    + "how much of their MRR remained at the end of each later month of the range.")
    CohortReport cohorts(@Parameter(description = "first cohort month", required = true)
                         @RequestParam(required = false) YearMonth from,
                         @Parameter(description = "last month observed, included", required = true)
                         @RequestParam(required = false) YearMonth to,
                         @RequestParam(defaultValue = "USD") String currency) {
        return metrics.cohorts(ReportRanges.months(from, to, clock), ReportRanges.currency(currency));
    }

    @GetMapping("/cohorts.csv")
    @Operation(summary = "Cohort retention, as CSV (one row per cohort and month)")
    ResponseEntity<String> cohortsCsv(@RequestParam(required = false) YearMonth from,
                                      @RequestParam(required = false) YearMonth to,
                                      @RequestParam(defaultValue = "USD") String currency) {
        CohortReport report = cohorts(from, to, currency);
        Csv csv = new Csv("cohort", "customers", "starting_mrr_minor", "months_since_start", "month",
                "retained_customers", "mrr_minor", "customer_retention_pct", "mrr_retention_pct", "currency");
        List<Object[]> rows = new ArrayList<>();
        for (Cohort cohort : report.cohorts()) {
            for (Cohort.Retention r : cohort.retention()) {
                rows.add(new Object[] {cohort.month().toString(), cohort.customers(), cohort.startingMrrMinor(),
                        r.monthsSinceStart(), r.month().toString(), r.retainedCustomers(), r.mrrMinor(),
                        r.customerRetentionPct(), r.mrrRetentionPct(), report.currency()});
            }
        }
        return csv.rows(rows).download("cohorts-" + report.from() + "-" + report.to() + ".csv");
    }

    @GetMapping("/mrr/current")
    @Operation(summary = "MRR now, by tier and currency",
            description = "MRR, ARR and paying customers now, with native MRR and active subscriptions per tier and "
                    + "currency.")
    CurrentMrr current(@RequestParam(defaultValue = "USD") String currency) {
        return metrics.current(ReportRanges.currency(currency));
    }

    private static String tier(String tier) {
        if (tier == null) {
            return null;
        }
        if (!TIERS.contains(tier)) {
            throw ReportRanges.invalid("tier", "must be one of " + TIERS);
        }
        return tier;
    }
}
