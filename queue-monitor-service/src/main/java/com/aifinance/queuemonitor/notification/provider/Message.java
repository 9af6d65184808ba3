package com.aifinance.queuemonitor.notification.provider;

import java.util.List;

/**
 * A notification rendered for one channel; user data in it is already escaped for that channel's format.
 *
 * @param subject        plain-text title (e-mail subject), without line breaks
 * @param text           the body in the channel's format (Telegram HTML, Slack mrkdwn, plain text for SMS and e-mail)
 * @param html           the HTML body (e-mail only, otherwise null)
 * @param templateName   the provider-side template name (WhatsApp message templates)
 * @param templateParams the template's values in order, sanitised for the provider (WhatsApp)
 */
public record Message(String subject, String text, String html, String templateName, List<String> templateParams) {
}
