package com.aifinance.subscription.plan;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A price for one tier, billing interval and currency.
 *
 * @param priceMinor the price in the currency's minor unit (cents, paise)
 */
public record Plan(
        @Schema(example = "pro-month-usd") String code,
        @Schema(example = "pro") String tier,
        @Schema(example = "month", allowableValues = {"month", "year"}) String billingInterval,
        @Schema(example = "USD", allowableValues = {"USD", "INR"}) String currency,
        @Schema(example = "50000") long priceMinor) {
}
