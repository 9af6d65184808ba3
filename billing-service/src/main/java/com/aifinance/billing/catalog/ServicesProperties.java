package com.aifinance.billing.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where other platform services are ({@code aifa.services.*}).
 *
 * @param subscription subscription-service's base URL (the public plan catalog)
 * @param catalogCache how long the plan catalog is kept before it is fetched again
 */
@ConfigurationProperties("aifa.services")
public record ServicesProperties(
        @DefaultValue("http://127.0.0.1:5008") String subscription,
        @DefaultValue("5m") Duration catalogCache) {
}
