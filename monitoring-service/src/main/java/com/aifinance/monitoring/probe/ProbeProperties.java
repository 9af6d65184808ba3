package com.aifinance.monitoring.probe;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The synthetic journeys ({@code aifa.monitoring.probes.*}), run through the gateway like a user would.
 *
 * @param gatewayUrl        the platform's public entry
 * @param clientId          OAuth2 client for the token journey ({@code AIFA_PROBE_CLIENT_ID}); blank = not configured
 * @param clientSecret      its secret ({@code AIFA_PROBE_CLIENT_SECRET}); never logged or stored
 * @param scope             scope asked for with the token
 * @param signalsPath       the signals list, called with the token
 * @param dashboardPath     the dashboard page
 * @param schedulingEnabled run on a schedule (tests run them themselves)
 */
@ConfigurationProperties("aifa.monitoring.probes")
public record ProbeProperties(
        @DefaultValue("http://127.0.0.1:8080") URI gatewayUrl,
        @DefaultValue("60s") Duration interval,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("signals:read") String scope,
        @DefaultValue("/v1/signals?limit=1") String signalsPath,
        @DefaultValue("/") String dashboardPath,
        @DefaultValue("true") boolean schedulingEnabled) {

    boolean tokenConfigured() {
        return !clientId.isBlank() && !clientSecret.isBlank();
    }

    @Override
    public String toString() {
        return "ProbeProperties[gatewayUrl=" + gatewayUrl + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
