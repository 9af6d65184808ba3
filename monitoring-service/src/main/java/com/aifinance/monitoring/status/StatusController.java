package com.aifinance.monitoring.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Set;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.monitoring.health.CheckResult;
import com.aifinance.monitoring.health.HealthProperties;
import com.aifinance.monitoring.uptime.AvailabilityBoard;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public status page and badges: served without a token (aifa.security.public-paths), cached for a minute. */
@RestController
@RequestMapping("/api/monitoring")
@Tag(name = "Status page", description = "Public platform status and badges")
class StatusController {

    static final MediaType SVG = MediaType.valueOf("image/svg+xml");
    private static final Set<String> WINDOWS = Set.of("24h", "30d", "365d");
    private static final CacheControl ONE_MINUTE = CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic();

    private final PlatformStatus status;
    private final AvailabilityBoard availability;
    private final HealthProperties monitored;

    StatusController(PlatformStatus status, AvailabilityBoard availability, HealthProperties monitored) {
        this.status = status;
        this.availability = availability;
        this.monitored = monitored;
    }

    @GetMapping("/status")
    @Operation(summary = "Platform status (public)",
            description = "Each service's state and uptime, the key journeys, and incidents of the last 7 days.")
    ResponseEntity<StatusPage> page() {
        return ResponseEntity.ok().cacheControl(ONE_MINUTE).body(status.page());
    }

    @GetMapping(value = "/badges/platform.svg", produces = "image/svg+xml")
    @Operation(summary = "Badge of the platform's overall status (public)")
    ResponseEntity<String> platformBadge() {
        String overall = status.page().status();
        String colour = switch (overall) {
            case "operational" -> Badge.GREEN;
            case "degraded" -> Badge.YELLOW;
            case "partial_outage" -> Badge.ORANGE;
            default -> Badge.RED;
        };
        return svg(new Badge("platform", overall.replace('_', ' '), colour));
    }

    @GetMapping(value = "/badges/{service}.svg", produces = "image/svg+xml")
    @Operation(summary = "Badge of a service's state: up, down or unknown (public)")
    ResponseEntity<String> statusBadge(@PathVariable String service) {
        requireMonitored(service);
        CheckResult check = status.latest(service).orElse(null);
        Badge badge = check == null ? new Badge(service, "unknown", Badge.GREY)
                : new Badge(service, check.status(), check.up() ? Badge.GREEN : Badge.RED);
        return svg(badge);
    }

    @GetMapping(value = "/badges/{service}/uptime.svg", produces = "image/svg+xml")
    @Operation(summary = "Badge of a service's uptime over 24h, 30d or 365d (public)")
    ResponseEntity<String> uptimeBadge(@PathVariable String service,
                                       @RequestParam(defaultValue = "30d") String window) {
        requireMonitored(service);
        if (!WINDOWS.contains(window)) {
            throw com.aifinance.common.web.ApiProblem.invalid("window must be 24h, 30d or 365d");
        }
        BigDecimal ratio = availability.of(service).map(figures -> figures.uptime().get(window)).orElse(null);
        if (ratio == null) {
            return svg(new Badge("uptime " + window, "no data", Badge.GREY));
        }
        BigDecimal percent = ratio.movePointRight(2).setScale(2, RoundingMode.DOWN);
        String colour = ratio.compareTo(new BigDecimal("0.999")) >= 0 ? Badge.GREEN
                : ratio.compareTo(new BigDecimal("0.99")) >= 0 ? Badge.YELLOW : Badge.RED;
        return svg(new Badge("uptime " + window, percent.toPlainString() + "%", colour));
    }

    private void requireMonitored(String service) {
        if (!monitored.monitors(service)) {
            throw ApiProblem.notFound("Monitored service " + service);
        }
    }

    private static ResponseEntity<String> svg(Badge badge) {
        return ResponseEntity.ok().contentType(SVG).cacheControl(ONE_MINUTE).body(badge.svg());
    }
}
