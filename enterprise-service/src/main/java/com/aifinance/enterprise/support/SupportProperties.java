package com.aifinance.enterprise.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Support desk settings ({@code aifa.enterprise.support.*}).
 *
 * @param deskEmail  where new tickets and SLA breaches are sent
 * @param phone      the enterprise support line shown to Enterprise-tier organisations
 * @param slaCheck   cron (UTC) of the SLA breach check; {@code -} disables it
 */
@ConfigurationProperties("aifa.enterprise.support")
record SupportProperties(
        @DefaultValue("support@aifinance.agency") String deskEmail,
        @DefaultValue("+18005550100") String phone,
        @DefaultValue("0 * * * * *") String slaCheck) {
}
