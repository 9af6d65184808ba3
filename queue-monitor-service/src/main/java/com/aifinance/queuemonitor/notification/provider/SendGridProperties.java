package com.aifinance.queuemonitor.notification.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SendGrid v3 Mail Send ({@code aifa.notify.sendgrid.*}).
 *
 * @param apiKey    {@code SENDGRID_API_KEY}; empty: not configured
 * @param fromEmail a verified sender ({@code SENDGRID_FROM_EMAIL}); empty: not configured
 */
@ConfigurationProperties("aifa.notify.sendgrid")
public record SendGridProperties(
        @DefaultValue("https://api.sendgrid.com") String baseUrl,
        @DefaultValue("") String apiKey,
        @DefaultValue("") String fromEmail,
        @DefaultValue("AI Finance Agency") String fromName,
        @DefaultValue("50") double ratePerSecond,
        @DefaultValue("20") int burst,
        @DefaultValue("8") int concurrency) implements ChannelSettings {
}
