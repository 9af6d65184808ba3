package com.aifinance.analytics.saas;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * MRR in force at {@code asOf}: the total (each customer converted, then added) and per tier and currency.
 *
 * @param lines per tier and currency: native MRR, that sum converted, and the active (or past-due) subscriptions
 *              and running contracts
 */
@Schema(description = "MRR now; money in minor units")
public record CurrentMrr(Instant asOf, String currency, LocalDate rateDate, long mrrMinor, long arrMinor,
                         int payingCustomers, List<Line> lines) {

    public record Line(String tier, String currency, long mrrMinor, long convertedMrrMinor, int activeSubscriptions) {
    }
}
