package com.aifinance.institutional.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The /v1 API ({@code aifa.api.*}).
 *
 * @param maxPageSize          the largest {@code limit} a page may ask for
 * @param maxBars              the most bars one market-data request may span
 * @param defaultQuotaPerHour  requests per hour of an institutional client enterprise-service has not told us about
 * @param defaultQuotaPerMonth requests per month of an organisation without a contract quota
 */
@ConfigurationProperties("aifa.api")
public record ApiProperties(
        @DefaultValue("50") int defaultPageSize,
        @DefaultValue("200") int maxPageSize,
        @DefaultValue("5000") int maxBars,
        @DefaultValue("1000") int defaultQuotaPerHour,
        @DefaultValue("500000") long defaultQuotaPerMonth) {
}
