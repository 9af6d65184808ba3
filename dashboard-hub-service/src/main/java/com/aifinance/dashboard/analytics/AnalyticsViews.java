package com.aifinance.dashboard.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** What analytics-service answers (money in minor units of the report currency). */
final class AnalyticsViews {

    private AnalyticsViews() {
    }

    record CurrentMrr(Instant asOf, String currency, LocalDate rateDate, long mrrMinor, long arrMinor,
                      int payingCustomers, List<CurrentLine> lines) {
    }

    record CurrentLine(String tier, String currency, long mrrMinor, long convertedMrrMinor, int activeSubscriptions) {
    }

    record MrrMonth(YearMonth month, LocalDate rateDate, long openingMrrMinor, long newMrrMinor,
                    long expansionMrrMinor, long contractionMrrMinor, long churnedMrrMinor,
                    long reactivationMrrMinor, long netNewMrrMinor, long closingMrrMinor, long arrMinor,
                    int customersAtStart, int newCustomers, int reactivatedCustomers, int churnedCustomers,
                    int customersAtEnd, BigDecimal customerChurnRatePct, BigDecimal grossMrrChurnRatePct,
                    BigDecimal netMrrChurnRatePct, BigDecimal netRevenueRetentionPct, Long arpaMinor, Long ltvMinor) {
    }

    record MrrReport(YearMonth from, YearMonth to, String currency, String tier, List<MrrMonth> months) {

        public boolean isEmpty() {
            return months == null || months.stream().allMatch(m -> m.openingMrrMinor() == 0 && m.closingMrrMinor() == 0);
        }
    }

    record RevenueLine(YearMonth month, String tier, String currency, long grossMinor, long refundedMinor,
                       long netMinor, long grossConvertedMinor, long refundedConvertedMinor, long netConvertedMinor) {
    }

    record RevenueReport(LocalDate from, LocalDate to, String currency, List<RevenueLine> lines, long grossMinor,
                         long refundedMinor, long netMinor) {
    }

    record Retention(int monthsSinceStart, YearMonth month, int retainedCustomers, long mrrMinor,
                     BigDecimal customerRetentionPct, BigDecimal mrrRetentionPct) {
    }

    record Cohort(YearMonth month, int customers, long startingMrrMinor, List<Retention> retention) {
    }

    record CohortReport(YearMonth from, YearMonth to, String currency, LocalDate rateDate, List<Cohort> cohorts) {
    }
}
