package com.aifinance.monitoring.uptime;

import java.math.BigDecimal;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A service's uptime and SLO standing. Ratios are shares of readiness checks that found the service up (0–1, six
 * decimals); null where the window holds no check.
 *
 * @param uptime by window: {@code 24h} (raw checks), {@code 30d} and {@code 365d} (hourly counts)
 */
@Schema(description = "Uptime and error budget of one service")
public record ServiceAvailability(String service, Map<String, BigDecimal> uptime, Slo slo) {

    /**
     * @param target                   e.g. 0.999
     * @param checks                   checks in the SLO window
     * @param failedChecks             of which found the service down
     * @param errorBudgetRemaining     1 − (failed share ÷ (1 − target)); below 0 when the budget is overspent
     * @param errorBudgetMinutes       the window's allowed downtime: window × (1 − target)
     * @param errorBudgetRemainingMinutes errorBudgetMinutes × errorBudgetRemaining
     * @param burnRate                 failed share over the last 1 h, 6 h and 24 h ÷ (1 − target); 1 spends the
     *                                 budget exactly over the window, 14.4 spends 2 % of a 30-day budget in an hour
     */
    public record Slo(BigDecimal target, int windowDays, long checks, long failedChecks,
                      BigDecimal errorBudgetRemaining, BigDecimal errorBudgetMinutes,
                      BigDecimal errorBudgetRemainingMinutes, Map<String, BigDecimal> burnRate) {
    }
}
