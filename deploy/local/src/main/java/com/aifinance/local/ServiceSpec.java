package com.aifinance.local;

import java.util.List;

/**
 * A platform service as the local platform runs it.
 *
 * @param port           where the service answers requests
 * @param managementPort where its actuator (health, metrics) answers: the service's own port, except for the
 *                       gateway, whose public port serves no actuator
 * @param wave           services of a wave start together once every earlier wave is healthy
 */
record ServiceSpec(String name, int port, int managementPort, int wave) {

    ServiceSpec(String name, int port, int wave) {
        this(name, port, port, wave);
    }

    /** The identity provider first, the domain services next, then what fronts them. */
    static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("subscription-service", 5008, 1),
            new ServiceSpec("billing-service", 5007, 2),
            new ServiceSpec("enterprise-service", 5009, 2),
            new ServiceSpec("institutional-api-service", 8090, 2),
            new ServiceSpec("analytics-service", 5010, 2),
            new ServiceSpec("queue-monitor-service", 5020, 2),
            new ServiceSpec("monitoring-service", 5011, 2),
            new ServiceSpec("dashboard-hub-service", 7777, 3),
            new ServiceSpec("gateway-service", 8080, 8081, 3));

    static int lastWave() {
        return ALL.stream().mapToInt(ServiceSpec::wave).max().orElse(0);
    }

    boolean hasManagementPort() {
        return managementPort != port;
    }

    String jarPath() {
        return name + "/target/" + name + ".jar";
    }
}
