package com.aifinance.analytics.revenue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Money collected in a range of days, per month, tier and currency: native amounts and the same converted into
 * {@code currency} (each day's amounts at that day's rate).
 */
@Schema(description = "Revenue collected, in minor units")
public record RevenueReport(LocalDate from, LocalDate to, String currency, List<Line> lines,
                            long grossMinor, long refundedMinor, long netMinor) {

    /**
     * @param grossMinor    payments and paid invoices, in the line's own currency
     * @param refundedMinor refunds issued in the period (of payments of this tier)
     * @param netConvertedMinor gross − refunded, converted into the report's currency
     */
    public record Line(YearMonth month, String tier, String currency, long grossMinor, long refundedMinor,
                       long netMinor, long grossConvertedMinor, long refundedConvertedMinor, long netConvertedMinor) {
    }
}
