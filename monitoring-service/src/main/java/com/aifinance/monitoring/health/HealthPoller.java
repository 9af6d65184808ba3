package com.aifinance.monitoring.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls every monitored service's readiness at once (one virtual thread each), stores the checks and announces the
 * cycle ({@link HealthCycleCompleted}) to uptime and incident detection.
 */
@Component
public class HealthPoller {

    private final HealthProperties properties;
    private final HealthChecks checks;
    private final ApplicationEventPublisher events;
    private final ReadinessProbe probe;
    private final Timer cycleTimer;

    HealthPoller(HealthProperties properties, HealthChecks checks, ApplicationEventPublisher events, JsonMapper mapper,
                 Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.checks = checks;
        this.events = events;
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.probe = new ReadinessProbe(http, mapper, clock, properties.timeout());
        this.cycleTimer = Timer.builder("monitor.health.cycle")
                .description("Time to poll every service's readiness").register(meters);
    }

    /** Polls every service now; returns the checks, in service-name order. */
    public List<CheckResult> runCycle() {
        List<CheckResult> results = cycleTimer.record(this::pollAll);
        checks.record(results);
        events.publishEvent(new HealthCycleCompleted(results.getFirst().checkedAt(), results));
        return results;
    }

    private List<CheckResult> pollAll() {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<CheckResult>> pending = new ArrayList<>();
            for (Map.Entry<String, URI> target : new java.util.TreeMap<>(properties.targets()).entrySet()) {
                pending.add(executor.submit(() -> probe.check(target.getKey(), target.getValue())));
            }
            List<CheckResult> results = new ArrayList<>();
            for (Future<CheckResult> future : pending) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("health cycle interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a readiness check failed unexpectedly", e.getCause());
        }
    }
}
