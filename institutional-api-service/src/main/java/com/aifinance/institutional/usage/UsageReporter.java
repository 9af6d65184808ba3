package com.aifinance.institutional.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reports institutional clients' usage to enterprise-service, which keeps each client's last-used time and request
 * total: every {@code aifa.usage-reports.interval} the unreported usage is composed into batches, and pending batches
 * are sent, oldest first, with this service's own token.
 * <p>
 * At least once, counted once: a batch is fixed when composed and only that batch is ever resent, so a retry cannot
 * pick up requests another batch carries. enterprise records a batch in one transaction and keeps the latest time, so
 * resending after a refusal, a 5xx or an unreachable service changes nothing twice. A request that reached enterprise
 * and committed but whose answer was lost (a timeout) is resent with the same batch id, which enterprise recognises
 * and acknowledges without counting it again (docs/signals.md).
 */
@Component
class UsageReporter {

    private static final Logger log = LoggerFactory.getLogger(UsageReporter.class);
    private static final Duration SENT_RETENTION = Duration.ofDays(7);

    /** What one run did. */
    record Run(int composed, int sent, int failed, int rejected) {
    }

    private final UsageReports reports;
    private final EnterpriseUsageApi enterprise;
    private final ServiceToken token;
    private final UsageReportProperties properties;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private boolean warnedUnconfigured;
    private Instant lastPrune = Instant.EPOCH;

    UsageReporter(UsageReports reports, EnterpriseUsageApi enterprise, ServiceToken token,
                  UsageReportProperties properties, ApplicationEventPublisher events, MeterRegistry meters,
                  Clock clock) {
        this.reports = reports;
        this.enterprise = enterprise;
        this.token = token;
        this.properties = properties;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("institutional_usage_report_batches_pending", pending, AtomicLong::get)
                .description("Usage report batches enterprise-service has not taken yet").register(meters);
        Gauge.builder("institutional_usage_report_oldest_pending_seconds", oldestPendingSeconds, AtomicLong::get)
                .description("Age of the oldest unsent usage report batch (0 when none)").baseUnit("seconds")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${aifa.usage-reports.interval:1m}",
            initialDelayString = "${aifa.usage-reports.initial-delay:1m}")
    void scheduled() {
        if (properties.enabled()) {
            report(clock.instant());
        }
    }

    synchronized Run report(Instant now) {
        int composed = 0;
        try {
            composed = reports.compose(now, properties.maxClientsPerBatch());
        } catch (DataAccessException e) {
            log.warn("Usage not batched this time: {}", e.getMessage());
        }
        int sent = 0;
        int failed = 0;
        int rejected = 0;
        if (!properties.configured()) {
            if (!warnedUnconfigured) {
                log.warn("AIFA_CLIENT_SECRET is not set: usage reports to enterprise-service are batched but not sent");
                warnedUnconfigured = true;
            }
        } else {
            try {
                while (true) {
                    var claimed = reports.claim(now, properties.lease());
                    if (claimed.isEmpty()) {
                        break;
                    }
                    UsageReports.Batch batch = claimed.get();
                    String problem = send(batch, now);
                    if (problem == null) {
                        sent++;
                    } else if (problem.startsWith("refused")) {
                        rejected++;
                    } else {
                        failed++;
                        break; // enterprise (or the token endpoint) is not taking anything now: the rest waits too
                    }
                }
                if (now.isAfter(lastPrune.plus(Duration.ofHours(1)))) {
                    reports.prune(now.minus(SENT_RETENTION));
                    lastPrune = now;
                }
            } catch (DataAccessException e) {
                log.warn("Usage reports not sent this time: {}", e.getMessage());
            }
        }
        refreshBacklog(now);
        return new Run(composed, sent, failed, rejected);
    }

    /** Sends one leased batch and settles it; null when enterprise took it, else what went wrong. */
    private String send(UsageReports.Batch batch, Instant now) {
        EnterpriseUsageApi.Outcome outcome;
        try {
            outcome = enterprise.send(batch.id(), batch.reportsJson(), token.value());
            if (outcome instanceof EnterpriseUsageApi.Unauthorized) {
                token.invalidate(); // e.g. the platform's signing key rotated: one more try with a fresh token
                outcome = enterprise.send(batch.id(), batch.reportsJson(), token.value());
            }
        } catch (ServiceToken.Unavailable | ServiceToken.Refused e) {
            outcome = new EnterpriseUsageApi.Unavailable("no token: " + e.getMessage());
        }
        switch (outcome) {
            case EnterpriseUsageApi.Accepted accepted -> {
                reports.sent(batch.id(), clock.instant());
                meters.counter("institutional_usage_reports", "outcome", "sent").increment();
                meters.counter("institutional_usage_reported_requests").increment(batch.requests());
                for (EnterpriseUsageApi.ClientResult result : accepted.results()) {
                    meters.counter("institutional_usage_report_clients", "status", result.status()).increment();
                    if ("revoked".equals(result.status())) {
                        events.publishEvent(new RevokedClientReported(result.clientId()));
                    } else if ("unknown".equals(result.status())) {
                        log.warn("enterprise-service does not know API client {} whose usage was reported",
                                result.clientId());
                    }
                }
                return null;
            }
            case EnterpriseUsageApi.Refused refused -> {
                // sending the same batch again would be refused again: set it aside for a person to look at
                reports.rejected(batch.id(), refused.detail());
                meters.counter("institutional_usage_reports", "outcome", "rejected").increment();
                log.error("enterprise-service refused usage batch {} ({} clients, {} requests): {}", batch.id(),
                        batch.clients(), batch.requests(), refused.detail());
                return "refused: " + refused.detail();
            }
            case EnterpriseUsageApi.Unauthorized unauthorized -> {
                return retryLater(batch, now, "token refused by enterprise-service: " + unauthorized.detail());
            }
            case EnterpriseUsageApi.Unavailable unavailable -> {
                return retryLater(batch, now, unavailable.detail());
            }
        }
    }

    private String retryLater(UsageReports.Batch batch, Instant now, String problem) {
        Duration wait = properties.retryInitial().multipliedBy(1L << Math.min(20, Math.max(0, batch.attempts() - 1)));
        if (wait.compareTo(properties.retryMax()) > 0) {
            wait = properties.retryMax();
        }
        reports.failed(batch.id(), problem, now.plus(wait));
        meters.counter("institutional_usage_reports", "outcome", "failed").increment();
        log.warn("Usage batch {} not taken by enterprise-service (attempt {}), retrying in {}: {}", batch.id(),
                batch.attempts(), wait, problem);
        return "failed: " + problem;
    }

    private void refreshBacklog(Instant now) {
        try {
            UsageReports.Backlog backlog = reports.backlog();
            pending.set(backlog.pending());
            oldestPendingSeconds.set(backlog.oldest() == null ? 0
                    : Math.max(0, Duration.between(backlog.oldest(), now).toSeconds()));
        } catch (DataAccessException e) {
            log.debug("Backlog not measured: {}", e.getMessage());
        }
    }
}
