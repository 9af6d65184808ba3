package com.aifinance.monitoring.incident;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fans an incident's news out to ops: one {@code notification.requested} (template {@code incident}) per configured
 * Slack webhook and e-mail address on {@code aifa.notify}, written through the outbox in the incident's own
 * transaction — a rolled-back change alerts nobody, a committed one is never lost. queue-monitor-service delivers.
 */
@Component
class IncidentAlerts {

    private static final Logger log = LoggerFactory.getLogger(IncidentAlerts.class);

    private final Outbox outbox;
    private final IncidentProperties properties;

    IncidentAlerts(Outbox outbox, IncidentProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
        if (properties.slackWebhook().isBlank() && properties.emails().isEmpty()) {
            log.warn("No incident alert recipients configured (AIFA_ALERT_SLACK_WEBHOOK, AIFA_ALERT_EMAILS)");
        }
    }

    /** Announces {@code what} ({@code opened}, {@code updated}, {@code resolved}) about {@code incident}. */
    int announce(Incident incident, String what, String message, String detail) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("incidentId", incident.id().toString());
        params.put("event", what);
        params.put("title", incident.title());
        params.put("service", incident.service() == null ? "platform" : incident.service());
        params.put("severity", incident.severity());
        params.put("status", incident.status());
        params.put("message", message);
        params.put("openedAt", incident.openedAt().toString());
        if (incident.resolvedAt() != null) {
            params.put("resolvedAt", incident.resolvedAt().toString());
        }
        if (detail != null) {
            params.put("detail", detail);
        }
        params.put("statusPageUrl", properties.statusPageUrl());
        String priority = "opened".equals(what) || "critical".equals(incident.severity()) ? "high" : "normal";
        int sent = 0;
        if (!properties.slackWebhook().isBlank()) {
            publish(incident, new Recipient(null, properties.slackWebhook()), "slack", params, priority);
            sent++;
        }
        for (String email : properties.emails()) {
            publish(incident, new Recipient(email, null), "email", params, priority);
            sent++;
        }
        return sent;
    }

    private void publish(Incident incident, Recipient recipient, String channel, Map<String, String> params,
                         String priority) {
        outbox.publish(EventStreams.NOTIFY, "notification.requested", incident.id().toString(),
                new NotificationRequested(UUID.randomUUID().toString(), "incident", recipient, channel, null, params,
                        priority));
    }

    /** The contract's {@code notification.requested} data (docs/contracts.md). */
    record NotificationRequested(String notificationId, String template, Recipient recipient, String channel,
                                 String tier, Map<String, String> params, String priority) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Recipient(String email, String slackWebhook) {
    }
}
