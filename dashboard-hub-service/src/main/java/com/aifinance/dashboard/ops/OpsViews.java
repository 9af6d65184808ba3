package com.aifinance.dashboard.ops;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What monitoring-service, queue-monitor-service, billing-service and subscription-service answer ops. */
final class OpsViews {

    private OpsViews() {
    }

    record StatusPage(String status, Instant updatedAt, List<ServiceStatus> services, List<Journey> journeys) {
    }

    record ServiceStatus(String name, String status, Integer responseTimeMs, Instant checkedAt,
                         Map<String, BigDecimal> uptime) {
    }

    record Journey(String name, String status, Instant checkedAt) {
    }

    record Slo(BigDecimal target, int windowDays, long checks, long failedChecks, BigDecimal errorBudgetRemaining,
               BigDecimal errorBudgetMinutes, BigDecimal errorBudgetRemainingMinutes, Map<String, BigDecimal> burnRate) {
    }

    record ServiceAvailability(String service, Map<String, BigDecimal> uptime, Slo slo) {
    }

    /** One row of the health panel: the live status and the SLO of a service. */
    record HealthRow(String name, String status, Integer responseTimeMs, Instant checkedAt, BigDecimal uptime24h,
                     BigDecimal uptime30d, Slo slo) {

        public boolean budgetLow() {
            return slo != null && slo.errorBudgetRemaining() != null
                    && slo.errorBudgetRemaining().compareTo(BigDecimal.valueOf(0.25)) < 0;
        }
    }

    record Update(Instant at, String status, String message, String author) {
    }

    record Incident(String id, String service, String title, String severity, String status, boolean automatic,
                    String openedBy, Instant openedAt, Instant resolvedAt, String resolution, List<Update> updates) {
    }

    record Consumer(String name, long pending, long idleMs) {
    }

    record Group(String name, Long lag, boolean lagExact, String lagSource, String lastDeliveredId, long pending,
                 Long oldestPendingAgeMs, long maxDeliveries, long redelivered, long deadLetters, boolean paused,
                 List<Consumer> consumers) {
    }

    record Stream(String stream, boolean exists, long length, String lastEntryId, String deadLetterStream,
                  long deadLetters, List<Group> groups, Instant observedAt) {
    }

    record DeadLetter(String id, String reason, String group, String entryId, Long deliveries, String deadLetteredAt,
                      String movedBy, String eventId, String eventType, String subject, String event) {
    }

    record DeadLetters(List<DeadLetter> items, String next) {
    }

    record Outcome(String action, String stream, String group, int affected, List<String> entryIds) {
    }

    record Delivery(String id, String notificationId, String userId, String template, String channel, String status,
                    int attempts, String lastError, Instant requestedAt, Instant deliveredAt) {
    }

    record Deliveries(List<Delivery> items, int page, int size, long total) {
    }

    record ChannelStatus(String channel, boolean configured, String missingSettings, boolean premium) {
    }

    record WebhookEvent(String provider, String eventId, String type, Instant eventCreatedAt, Instant receivedAt,
                        String status, int attempts, String lastError, Instant processedAt) {

        public String providerCode() {
            return provider == null ? "" : provider.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
