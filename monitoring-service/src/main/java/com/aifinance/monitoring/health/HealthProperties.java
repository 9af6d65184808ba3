package com.aifinance.monitoring.health;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the monitor polls ({@code aifa.monitoring.health.*}).
 *
 * @param targets           service name → base URL; the monitor polls {@code <url>/actuator/health/readiness}
 * @param interval          time between two polls of every service
 * @param timeout           a service that has not answered by then is down
 * @param rawRetention      raw checks are deleted after this (hourly counts are kept)
 * @param schedulingEnabled poll on a schedule (tests drive the monitor themselves)
 */
@ConfigurationProperties("aifa.monitoring.health")
public record HealthProperties(
        Map<String, URI> targets,
        @DefaultValue("30s") Duration interval,
        @DefaultValue("3s") Duration timeout,
        @DefaultValue("35d") Duration rawRetention,
        @DefaultValue("true") boolean schedulingEnabled) {

    public HealthProperties {
        targets = targets == null ? Map.of() : new TreeMap<>(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("aifa.monitoring.health.targets names no service to monitor");
        }
        targets.forEach((name, url) -> {
            if (!name.matches("[a-z][a-z0-9-]{1,62}")) {
                throw new IllegalArgumentException("monitored service name '" + name + "' is not a service name");
            }
            if (url == null || url.getHost() == null || !url.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("monitored service " + name + " needs an http(s) URL, not " + url);
            }
        });
        targets = Map.copyOf(targets);
    }

    /** The monitored services, in name order. */
    public java.util.List<String> services() {
        return targets.keySet().stream().sorted().toList();
    }

    public boolean monitors(String service) {
        return targets.containsKey(service);
    }
}
