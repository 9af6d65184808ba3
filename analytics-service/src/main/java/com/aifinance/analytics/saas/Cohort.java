package com.aifinance.analytics.saas;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The customers who first paid in {@code month}, and how many of them (and how much of their MRR) were still there
 * at the end of each later month.
 *
 * @param startingMrrMinor the cohort's MRR right after each customer first paid
 */
@Schema(description = "Customers by the month they first paid, and their retention")
public record Cohort(YearMonth month, int customers, long startingMrrMinor, List<Retention> retention) {

    /**
     * At the end of {@code month} ({@code monthsSinceStart} months after the cohort's month).
     *
     * @param customerRetentionPct retained customers ÷ cohort customers × 100
     * @param mrrRetentionPct      the cohort's MRR ÷ its starting MRR × 100 (above 100 when expansion outweighs loss)
     */
    public record Retention(int monthsSinceStart, YearMonth month, int retainedCustomers, long mrrMinor,
                            BigDecimal customerRetentionPct, BigDecimal mrrRetentionPct) {
    }
}
