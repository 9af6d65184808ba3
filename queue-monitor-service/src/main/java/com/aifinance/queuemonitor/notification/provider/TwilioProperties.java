package com.aifinance.queuemonitor.notification.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio Programmable Messaging ({@code aifa.notify.twilio.*}). Sends from {@code fromNumber}, or through a
 * messaging service when {@code messagingServiceSid} is set.
 */
@ConfigurationProperties("aifa.notify.twilio")
public record TwilioProperties(
        @DefaultValue("https://api.twilio.com") String baseUrl,
        @DefaultValue("") String accountSid,
        @DefaultValue("") String authToken,
        @DefaultValue("") String fromNumber,
        @DefaultValue("") String messagingServiceSid,
        @DefaultValue("10") double ratePerSecond,
        @DefaultValue("5") int burst,
        @DefaultValue("4") int concurrency) implements ChannelSettings {
}
