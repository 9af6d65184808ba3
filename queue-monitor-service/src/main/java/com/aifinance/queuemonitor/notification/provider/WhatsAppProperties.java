package com.aifinance.queuemonitor.notification.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WhatsApp Business Cloud API on the Graph API ({@code aifa.notify.whatsapp.*}). Business-initiated messages must use
 * approved message templates; each of our templates maps to one of the same name.
 *
 * @param phoneNumberId the sending business phone number's id ({@code WHATSAPP_PHONE_NUMBER_ID})
 * @param accessToken   a system-user access token ({@code WHATSAPP_ACCESS_TOKEN})
 * @param language      the templates' language code
 */
@ConfigurationProperties("aifa.notify.whatsapp")
public record WhatsAppProperties(
        @DefaultValue("https://graph.facebook.com") String baseUrl,
        @DefaultValue("v21.0") String apiVersion,
        @DefaultValue("") String phoneNumberId,
        @DefaultValue("") String accessToken,
        @DefaultValue("en_US") String language,
        @DefaultValue("40") double ratePerSecond,
        @DefaultValue("10") int burst,
        @DefaultValue("8") int concurrency) implements ChannelSettings {
}
