package com.aifinance.gateway.allowlist;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway keeps enterprise IP allowlists ({@code aifa.gateway.allowlists.*}).
 *
 * @param sourceUri          enterprise-service's {@code GET /api/enterprise/allowlists}
 * @param tokenUri           subscription-service's token endpoint, for the gateway's own client-credentials token
 * @param clientId           the gateway's platform client ({@code AIFA_CLIENT_ID})
 * @param clientSecret       its secret ({@code AIFA_CLIENT_SECRET}); without it nothing can be loaded
 * @param pollInterval       how often {@code aifa.enterprise} is read for {@code allowlist.changed}: the delay of a
 *                           change
 * @param fullReloadInterval how often every list is loaded again, the safety net for a missed event
 * @param retryMin           the first wait after a failed load (doubling up to {@code retryMax})
 * @param retryMax           the longest wait between failed loads
 * @param timeout            the bound of one HTTP call or Redis command
 * @param copyKey            the Redis key of the last full load, which a replica starting without enterprise-service
 *                           uses
 */
@ConfigurationProperties("aifa.gateway.allowlists")
record AllowlistProperties(
        @DefaultValue("http://127.0.0.1:5009/api/enterprise/allowlists") String sourceUri,
        @DefaultValue("http://127.0.0.1:5008/oauth2/token") String tokenUri,
        @DefaultValue("gateway-service") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("5m") Duration fullReloadInterval,
        @DefaultValue("1s") Duration retryMin,
        @DefaultValue("30s") Duration retryMax,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("aifa:gateway:allowlists") String copyKey) {
}
