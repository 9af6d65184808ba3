package com.aifinance.billing.reconciliation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reconciliation ({@code aifa.billing.reconciliation.*}).
 *
 * @param cron   when the scheduled run starts (server time zone)
 * @param window how far back each scheduled run compares
 * @param settle movements younger than this are left for the next run (their webhook may still be on its way)
 */
@ConfigurationProperties("aifa.billing.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("0 30 2 * * *") String cron,
        @DefaultValue("3d") Duration window,
        @DefaultValue("15m") Duration settle) {
}
