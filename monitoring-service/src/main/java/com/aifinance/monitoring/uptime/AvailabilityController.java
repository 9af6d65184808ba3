package com.aifinance.monitoring.uptime;

import java.util.List;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.monitoring.health.HealthProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/monitoring/slo")
@Tag(name = "SLO", description = "Uptime, error budget and burn rate of every service (ops)")
@PreAuthorize("hasRole('OPS')")
class AvailabilityController {

    private final Availability availability;
    private final HealthProperties properties;

    AvailabilityController(Availability availability, HealthProperties properties) {
        this.availability = availability;
        this.properties = properties;
    }

    @GetMapping
    @Operation(summary = "Uptime over 24 h, 30 and 365 days, error budget and burn rates of every service")
    List<ServiceAvailability> all() {
        return properties.services().stream().map(availability::of).toList();
    }

    @GetMapping("/{service}")
    @Operation(summary = "Uptime, error budget and burn rates of one service")
    ServiceAvailability one(@PathVariable String service) {
        if (!properties.monitors(service)) {
            throw ApiProblem.notFound("Monitored service " + service);
        }
        return availability.of(service);
    }
}
