package com.aifinance.queuemonitor.notification.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Slack incoming webhooks ({@code aifa.notify.slack.*}). A webhook URL is its own credential; only URLs under
 * {@code baseUrl}{@code /services/} are ever called, so a request cannot make this service post anywhere else.
 *
 * @param defaultWebhookUrl the operations channel's webhook ({@code SLACK_WEBHOOK_URL}), used when a request names none
 */
@ConfigurationProperties("aifa.notify.slack")
public record SlackProperties(
        @DefaultValue("https://hooks.slack.com") String baseUrl,
        @DefaultValue("") String defaultWebhookUrl,
        @DefaultValue("5") double ratePerSecond,
        @DefaultValue("5") int burst,
        @DefaultValue("4") int concurrency) implements ChannelSettings {

    /** Whether {@code url} is a webhook of the configured Slack. */
    public boolean isWebhook(String url) {
        String prefix = baseUrl.endsWith("/") ? baseUrl + "services/" : baseUrl + "/services/";
        return url != null && url.startsWith(prefix) && url.length() > prefix.length()
                && !url.contains("..") && !url.contains("@") && !url.contains("#") && !url.contains("?");
    }
}
