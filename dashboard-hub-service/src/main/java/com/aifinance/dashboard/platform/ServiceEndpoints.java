package com.aifinance.dashboard.platform;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services the hub fronts answer (their direct addresses, not the gateway) and how long a panel waits.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer; a panel shows "unavailable" after it
 */
@ConfigurationProperties("aifa.services")
public record ServiceEndpoints(
        @DefaultValue("http://127.0.0.1:5008") URI subscription,
        @DefaultValue("http://127.0.0.1:5007") URI billing,
        @DefaultValue("http://127.0.0.1:5009") URI enterprise,
        @DefaultValue("http://127.0.0.1:8090") URI institutionalApi,
        @DefaultValue("http://127.0.0.1:5010") URI analytics,
        @DefaultValue("http://127.0.0.1:5011") URI monitoring,
        @DefaultValue("http://127.0.0.1:5020") URI queueMonitor,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("3s") Duration readTimeout) {

    URI of(Downstream.Service service) {
        return switch (service) {
            case SUBSCRIPTION -> subscription;
            case BILLING -> billing;
            case ENTERPRISE -> enterprise;
            case INSTITUTIONAL_API -> institutionalApi;
            case ANALYTICS -> analytics;
            case MONITORING -> monitoring;
            case QUEUE_MONITOR -> queueMonitor;
        };
    }
}
