package com.aifinance.analytics.saas;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One month of MRR movements and the metrics derived from them, in minor units of the report's currency. Rates are
 * percentages with four decimals; a rate whose denominator is zero is null (undefined, not zero).
 */
@Schema(description = "MRR movements of one month; money in minor units of the report currency")
public record MrrMonth(
        YearMonth month,
        @Schema(description = "the day whose exchange rates converted this month's figures") LocalDate rateDate,
        long openingMrrMinor,
        long newMrrMinor,
        long expansionMrrMinor,
        long contractionMrrMinor,
        long churnedMrrMinor,
        long reactivationMrrMinor,
        @Schema(description = "new + expansion + reactivation − contraction − churned = closing − opening")
        long netNewMrrMinor,
        long closingMrrMinor,
        @Schema(description = "closing MRR × 12") long arrMinor,
        int customersAtStart,
        int newCustomers,
        int reactivatedCustomers,
        int churnedCustomers,
        int customersAtEnd,
        @Schema(description = "churned customers ÷ customers at start × 100") BigDecimal customerChurnRatePct,
        @Schema(description = "(churned + contraction MRR) ÷ opening MRR × 100") BigDecimal grossMrrChurnRatePct,
        @Schema(description = "(churned + contraction − expansion MRR) ÷ opening MRR × 100") BigDecimal netMrrChurnRatePct,
        @Schema(description = "(opening + expansion − contraction − churned MRR) ÷ opening MRR × 100")
        BigDecimal netRevenueRetentionPct,
        @Schema(description = "closing MRR ÷ customers at end") Long arpaMinor,
        @Schema(description = "ARPA ÷ customer churn rate") Long ltvMinor) {

    static final int RATE_SCALE = 4;

    /** The month's figures from its movements. */
    static MrrMonth of(YearMonth month, LocalDate rateDate, Movements m) {
        long netNew = m.newMrr + m.expansion + m.reactivation - m.contraction - m.churned;
        Long arpa = m.customersAtEnd == 0 ? null : divide(m.closing, m.customersAtEnd);
        Long ltv = m.customersAtEnd == 0 || m.churnedCustomers == 0 ? null
                : divide(m.closing * (long) m.customersAtStart, (long) m.customersAtEnd * m.churnedCustomers);
        return new MrrMonth(month, rateDate, m.opening, m.newMrr, m.expansion, m.contraction, m.churned,
                m.reactivation, netNew, m.closing, m.closing * 12, m.customersAtStart, m.newCustomers,
                m.reactivatedCustomers, m.churnedCustomers, m.customersAtEnd,
                percent(m.churnedCustomers, m.customersAtStart),
                percent(m.churned + m.contraction, m.opening),
                percent(m.churned + m.contraction - m.expansion, m.opening),
                percent(m.opening + m.expansion - m.contraction - m.churned, m.opening),
                arpa, ltv);
    }

    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), RATE_SCALE, RoundingMode.HALF_UP);
    }

    private static long divide(long dividend, long divisor) {
        return BigDecimal.valueOf(dividend).divide(BigDecimal.valueOf(divisor), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Sums of one month's movements, as the engine accumulates them. */
    static final class Movements {
        long opening;
        long newMrr;
        long expansion;
        long contraction;
        long churned;
        long reactivation;
        long closing;
        int customersAtStart;
        int newCustomers;
        int reactivatedCustomers;
        int churnedCustomers;
        int customersAtEnd;
    }
}
