package com.aifinance.analytics.saas;

import java.time.YearMonth;
import java.util.List;

/** MRR movements per month of a range; {@code tier} is null for all customers. */
public record MrrReport(YearMonth from, YearMonth to, String currency, String tier, List<MrrMonth> months) {
}
