package com.aifinance.queuemonitor.notification.provider;

/**
 * What a sender delivers: one rendered message to one address.
 *
 * @param address e-mail address, E.164 phone number, Telegram chat id or Slack webhook URL, depending on the channel
 */
public record OutboundMessage(String deliveryId, String notificationId, String template, String address,
                              Message message) {
}
