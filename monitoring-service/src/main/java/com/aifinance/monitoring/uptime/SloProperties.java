package com.aifinance.monitoring.uptime;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The availability objective ({@code aifa.monitoring.slo.*}): {@code target} of readiness checks succeed over a
 * rolling {@code windowDays}.
 */
@ConfigurationProperties("aifa.monitoring.slo")
record SloProperties(@DefaultValue("0.999") BigDecimal target, @DefaultValue("30") int windowDays) {

    SloProperties {
        if (target.signum() <= 0 || target.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("aifa.monitoring.slo.target must be between 0 and 1, e.g. 0.999");
        }
        if (windowDays < 1 || windowDays > 365) {
            throw new IllegalArgumentException("aifa.monitoring.slo.window-days must be 1 … 365");
        }
    }

    /** The share of checks allowed to fail: 1 − target. */
    BigDecimal errorBudget() {
        return BigDecimal.ONE.subtract(target);
    }
}
