package com.aifinance.queuemonitor.notification;

import java.util.Locale;
import java.util.regex.Pattern;

import com.aifinance.queuemonitor.notification.provider.Channel;
import tools.jackson.databind.JsonNode;

/**
 * The data of a {@code notification.requested} event (docs/contracts.md), checked field by field: a request that
 * fails a check is rejected with the reason, never retried.
 *
 * @param channel null to follow the user's preferences
 */
record NotificationRequest(String notificationId, Template template, Recipient recipient, Channel channel, String tier,
                           String priority, JsonNode params) {

    static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\"]+$");
    static final Pattern PHONE = Pattern.compile("^\\+[1-9]\\d{6,14}$");
    static final Pattern TELEGRAM_CHAT = Pattern.compile("^(-?\\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$");

    /** Addresses the producer vouches for; any may be null. */
    record Recipient(String userId, String email, String phone, String telegramChatId, String whatsappNumber,
                     String slackWebhook) {
    }

    /** Why a request cannot be delivered; {@code code} is the metric tag, {@code getMessage()} the reason kept. */
    static final class Rejection extends RuntimeException {

        private final String code;

        Rejection(String code, String reason) {
            super(reason);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    static NotificationRequest parse(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new Rejection("malformed", "data is not a JSON object");
        }
        String notificationId = text(data, "notificationId");
        if (notificationId == null || notificationId.isBlank() || notificationId.length() > 100) {
            throw new Rejection("malformed", "notificationId is missing or longer than 100 characters");
        }
        String templateId = text(data, "template");
        Template template = Template.of(templateId)
                .filter(found -> found != Template.ADDRESS_VERIFICATION)
                .orElseThrow(() -> new Rejection("unknown_template", "unknown template '" + templateId + "'"));
        String channelId = text(data, "channel");
        Channel channel = null;
        if (channelId != null) {
            channel = Channel.of(channelId)
                    .orElseThrow(() -> new Rejection("unknown_channel", "unknown channel '" + channelId + "'"));
        }
        String priority = text(data, "priority");
        if (priority == null) {
            priority = "normal";
        } else if (!priority.equals("high") && !priority.equals("normal")) {
            throw new Rejection("malformed", "priority must be high or normal, not '" + priority + "'");
        }
        String tier = text(data, "tier");
        JsonNode recipientNode = data.path("recipient");
        if (!recipientNode.isMissingNode() && !recipientNode.isNull() && !recipientNode.isObject()) {
            throw new Rejection("malformed", "recipient is not a JSON object");
        }
        Recipient recipient = new Recipient(text(recipientNode, "userId"),
                checked(recipientNode, "email", EMAIL), checked(recipientNode, "phone", PHONE),
                checked(recipientNode, "telegramChatId", TELEGRAM_CHAT), checked(recipientNode, "whatsappNumber", PHONE),
                text(recipientNode, "slackWebhook"));
        JsonNode params = data.path("params");
        if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
            throw new Rejection("malformed", "params is not a JSON object");
        }
        return new NotificationRequest(notificationId, template, recipient, channel,
                tier == null ? null : tier.toLowerCase(Locale.ROOT), priority, params.isObject() ? params : null);
    }

    private static String checked(JsonNode node, String field, Pattern format) {
        String value = text(node, field);
        if (value != null && (value.length() > 254 || !format.matcher(value).matches())) {
            throw new Rejection("malformed", "recipient." + field + " is not a valid address");
        }
        return value;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new Rejection("malformed", field + " must be a string");
        }
        String text = value.asString().trim();
        return text.isEmpty() ? null : text;
    }
}
