package com.aifinance.analytics.saas;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** Cohort retention; all money converted at the rates of {@code rateDate}, so exchange rates do not move it. */
public record CohortReport(YearMonth from, YearMonth to, String currency, LocalDate rateDate, List<Cohort> cohorts) {
}
