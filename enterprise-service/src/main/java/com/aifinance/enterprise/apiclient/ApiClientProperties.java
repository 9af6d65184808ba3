package com.aifinance.enterprise.apiclient;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Institutional API clients ({@code aifa.enterprise.api-clients.*}).
 *
 * @param bcryptStrength     cost of the secret hashes (12 in production; lower only in tests)
 * @param defaultOverlap     how long a rotated-out secret keeps working when the rotation names no window
 * @param maxOverlap         the longest overlap window allowed
 * @param maxActivePerOrganisation active clients one organisation may hold
 */
@ConfigurationProperties("aifa.enterprise.api-clients")
record ApiClientProperties(
        @DefaultValue("12") int bcryptStrength,
        @DefaultValue("24h") Duration defaultOverlap,
        @DefaultValue("7d") Duration maxOverlap,
        @DefaultValue("20") int maxActivePerOrganisation) {
}
