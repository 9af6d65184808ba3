package com.aifinance.gateway.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway keeps the JWKS ({@code aifa.gateway.jwks.*}); its URL is {@code aifa.security.jwk-set-uri}.
 *
 * @param timeout            how long one fetch may take
 * @param minRefreshInterval the least time between two fetches caused by unknown key ids
 * @param maxAge             after this the set is fetched again even if every key id is known
 */
@ConfigurationProperties("aifa.gateway.jwks")
record JwksProperties(
        @DefaultValue("2s") Duration timeout,
        @DefaultValue("10s") Duration minRefreshInterval,
        @DefaultValue("10m") Duration maxAge) {
}
