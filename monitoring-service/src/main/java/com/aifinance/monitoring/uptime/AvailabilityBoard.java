package com.aifinance.monitoring.uptime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.aifinance.monitoring.health.HealthCycleCompleted;
import com.aifinance.monitoring.health.HealthProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The latest availability of every service, recomputed after each health cycle, so the status page, the badges and
 * the Prometheus gauges never query the database on a request or a scrape.
 */
@Component
public class AvailabilityBoard {

    private final Availability availability;
    private final HealthProperties properties;
    private final Map<String, ServiceAvailability> latest = new ConcurrentHashMap<>();

    AvailabilityBoard(Availability availability, HealthProperties properties) {
        this.availability = availability;
        this.properties = properties;
    }

    @EventListener
    void onCycle(HealthCycleCompleted cycle) {
        refresh();
    }

    /** Recomputes every service's figures. */
    public void refresh() {
        for (String service : properties.services()) {
            latest.put(service, availability.of(service));
        }
    }

    public Optional<ServiceAvailability> of(String service) {
        ServiceAvailability figures = latest.get(service);
        if (figures == null && properties.monitors(service)) {
            figures = availability.of(service);
            latest.put(service, figures);
        }
        return Optional.ofNullable(figures);
    }
}
