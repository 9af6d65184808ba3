package com.aifinance.monitoring.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The public status page: what a customer may know — whether each service and journey works, uptime, and incidents
 * with their public timeline. No URL, error message or internal detail.
 *
 * @param status {@code operational}, {@code degraded} (all services up, but a journey fails or an incident is open),
 *               {@code partial_outage} (a service is down) or {@code major_outage} (the gateway or half the services)
 */
@Schema(description = "Public platform status")
public record StatusPage(String status, Instant updatedAt, List<Service> services, List<Journey> journeys,
                         List<PublicIncident> incidents) {

    /**
     * @param status {@code up}, {@code down} or {@code unknown} (not checked yet)
     * @param uptime share of checks up by window ({@code 24h}, {@code 30d}, {@code 365d}), 0–1
     */
    public record Service(String name, String status, Integer responseTimeMs, Instant checkedAt,
                          Map<String, BigDecimal> uptime) {
    }

    /** @param status {@code passing}, {@code failing} or {@code unknown} */
    public record Journey(String name, String status, Instant checkedAt) {
    }

    public record PublicIncident(String id, String title, String service, String severity, String status,
                                 Instant openedAt, Instant resolvedAt, List<Update> updates) {
    }

    public record Update(Instant at, String status, String message) {
    }
}
