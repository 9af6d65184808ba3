package com.aifinance.deploy.aws;

import java.util.List;

/**
 * A platform service as it runs on ECS Fargate.
 *
 * @param schema          its PostgreSQL schema and database role; {@code null} for the gateway, which owns no data
 * @param desiredCount    tasks outside market hours (and the autoscaling floor then)
 * @param marketHoursMin  the autoscaling floor during US market hours; equal to {@code desiredCount} when market
 *                        hours do not change its load
 * @param maxCount        the autoscaling ceiling
 */
public record PlatformService(String name, int port, String schema, int desiredCount, int marketHoursMin, int maxCount) {

    /**
     * The services, with the counts of the single-host deployment (docker-compose.production.yml): two tasks for
     * everything on a customer's request path or that must not miss a webhook, one for back-office work whose
     * second copy would only duplicate scheduled jobs. docs/deployment.md explains each figure.
     */
    public static final List<PlatformService> ALL = List.of(
            new PlatformService("gateway-service", 8080, null, 2, 4, 8),
            new PlatformService("subscription-service", 5008, "subscription", 2, 3, 6),
            new PlatformService("billing-service", 5007, "billing", 2, 2, 4),
            new PlatformService("enterprise-service", 5009, "enterprise", 1, 1, 3),
            new PlatformService("institutional-api-service", 8090, "institutional_api", 2, 4, 8),
            new PlatformService("analytics-service", 5010, "analytics", 1, 1, 3),
            new PlatformService("queue-monitor-service", 5020, "queue_monitor", 2, 3, 6),
            new PlatformService("monitoring-service", 5011, "monitoring", 1, 1, 1),
            new PlatformService("dashboard-hub-service", 7777, "dashboard_hub", 2, 3, 6));

    /** Where the gateway's actuator (health, metrics) listens; its public port serves none. */
    public static final int GATEWAY_MANAGEMENT_PORT = 8081;

    public PlatformService {
        if (desiredCount < 1 || marketHoursMin < desiredCount || maxCount < marketHoursMin) {
            throw new IllegalArgumentException(name + ": counts must satisfy 1 <= desired <= market-hours min <= max");
        }
    }

    public boolean isGateway() {
        return "gateway-service".equals(name);
    }

    /** Where its actuator answers: the service's own port, except for the gateway. */
    public int managementPort() {
        return isGateway() ? GATEWAY_MANAGEMENT_PORT : port;
    }

    public boolean ownsSchema() {
        return schema != null;
    }

    /** The environment variable other services use to find this one, e.g. {@code BILLING_SERVICE_URL}. */
    public String urlVariable() {
        return name.replace("-service", "").replace('-', '_').toUpperCase(java.util.Locale.ROOT) + "_SERVICE_URL";
    }

    /** Its short name, for resource ids and CloudWatch names: {@code billing}. */
    public String shortName() {
        return name.replace("-service", "");
    }

    public boolean scalesForMarketHours() {
        return marketHoursMin > desiredCount;
    }
}
