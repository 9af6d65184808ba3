package com.aifinance.deploy.aws;

import java.util.List;
import java.util.Locale;

/**
 * One of the platform's own OAuth2 clients, which subscription-service registers at start-up (docs/identity.md
 * "Clients"). Its secret is shared by exactly two parties: subscription-service, which reads it as
 * {@link #registryVariable()}, and the service that holds the client, which reads it as {@code holderVariable}.
 *
 * @param clientId       the client id
 * @param holder         the platform service that authenticates as this client
 * @param holderVariable the variable the holder reads the secret from
 */
public record PlatformClient(String clientId, String holder, String holderVariable) {

    /**
     * The dashboards' login client (held by dashboard-hub-service) and one {@code client_credentials} client per
     * service ({@code aifa.identity.service-clients}); PlatformStackTest compares this with subscription-service's.
     */
    public static final List<PlatformClient> ALL = List.of(
            new PlatformClient("dashboard-hub", "dashboard-hub-service", "AIFA_DASHBOARD_CLIENT_SECRET"),
            service("gateway-service"),
            service("billing-service"),
            service("enterprise-service"),
            service("institutional-api-service"),
            service("analytics-service"),
            service("queue-monitor-service"),
            service("monitoring-service"),
            service("dashboard-hub-service"));

    private static PlatformClient service(String name) {
        return new PlatformClient(name, name, "AIFA_CLIENT_SECRET");
    }

    /** What subscription-service reads the secret from: {@code AIFA_CLIENT_SECRET_BILLING_SERVICE}. */
    public String registryVariable() {
        return "AIFA_CLIENT_SECRET_" + clientId.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** A service client (as opposed to the dashboards' login client) also gets its id as {@code AIFA_CLIENT_ID}. */
    public boolean isServiceClient() {
        return "AIFA_CLIENT_SECRET".equals(holderVariable);
    }
}
