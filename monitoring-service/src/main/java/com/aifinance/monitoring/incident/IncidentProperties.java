package com.aifinance.monitoring.incident;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Incident detection and alerting ({@code aifa.monitoring.incidents.*}).
 *
 * @param downChecks    consecutive failed checks that open an incident automatically
 * @param upChecks      consecutive passed checks that resolve an automatic incident
 * @param startupGrace  after the monitor starts, no incident opens automatically for this long (the platform's
 *                      services start in waves, and a service still starting is not an outage)
 * @param slackWebhook  Slack incoming webhook the alerts go to ({@code AIFA_ALERT_SLACK_WEBHOOK}); blank = none
 * @param emails        addresses the alerts go to ({@code AIFA_ALERT_EMAILS}, comma-separated); empty = none
 * @param statusPageUrl linked from every alert
 */
@ConfigurationProperties("aifa.monitoring.incidents")
record IncidentProperties(
        @DefaultValue("3") int downChecks,
        @DefaultValue("2") int upChecks,
        @DefaultValue("3m") java.time.Duration startupGrace,
        @DefaultValue("") String slackWebhook,
        @DefaultValue List<String> emails,
        @DefaultValue("http://localhost:8080/api/monitoring/status") String statusPageUrl) {

    IncidentProperties {
        if (downChecks < 1 || upChecks < 1) {
            throw new IllegalArgumentException("aifa.monitoring.incidents.down-checks and up-checks must be ≥ 1");
        }
        emails = emails.stream().map(String::strip).filter(email -> !email.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "IncidentProperties[downChecks=" + downChecks + ", upChecks=" + upChecks + ", startupGrace="
                + startupGrace + ", slackWebhook="
                + (slackWebhook.isBlank() ? "" : "***") + ", emails=" + emails.size() + "]";
    }
}
