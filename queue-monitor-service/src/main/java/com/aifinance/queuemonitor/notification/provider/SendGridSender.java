package com.aifinance.queuemonitor.notification.provider;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SendGrid v3 {@code /v3/mail/send}. Success is {@code 202 Accepted} with an empty body and the message id in
 * {@code X-Message-Id}; errors are {@code {"errors": [{"message", "field", "help"}]}}; a 429 says when the limit resets
 * in {@code X-RateLimit-Reset} (epoch seconds).
 */
public final class SendGridSender implements ChannelSender {

    private final SendGridProperties properties;
    private final VendorHttp http;
    private final JsonMapper json;

    public SendGridSender(SendGridProperties properties, ProviderClients clients) {
        this.properties = properties;
        this.http = clients.http();
        this.json = clients.json();
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean configured() {
        return !properties.apiKey().isBlank() && !properties.fromEmail().isBlank();
    }

    @Override
    public String missingSettings() {
        List<String> missing = new ArrayList<>();
        if (properties.apiKey().isBlank()) {
            missing.add("SENDGRID_API_KEY");
        }
        if (properties.fromEmail().isBlank()) {
            missing.add("SENDGRID_FROM_EMAIL");
        }
        return String.join(", ", missing);
    }

    @Override
    public SendResult send(OutboundMessage message) {
        ObjectNode body = json.createObjectNode();
        body.putArray("personalizations").addObject().putArray("to").addObject().put("email", message.address());
        body.putObject("from").put("email", properties.fromEmail()).put("name", properties.fromName());
        body.put("subject", message.message().subject());
        ArrayNode content = body.putArray("content");
        content.addObject().put("type", "text/plain").put("value", message.message().text());
        if (message.message().html() != null) {
            content.addObject().put("type", "text/html").put("value", message.message().html());
        }
        body.putArray("categories").add(message.template());
        body.putObject("custom_args").put("notification_id", message.notificationId()).put("delivery_id", message.deliveryId());
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(TelegramSender.trimSlash(properties.baseUrl()) + "/v3/mail/send"))
                .header("Authorization", "Bearer " + properties.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        return http.attempt(request, response -> {
            if (response.successful()) {
                return new SendResult.Delivered(response.headers().firstValue("X-Message-Id").orElse(null));
            }
            String reason = "SendGrid " + response.status() + ": " + errors(response.body());
            if (response.status() == 429) {
                Duration wait = http.retryAfter(response.headers()).orElseGet(() -> response.headers()
                        .firstValue("X-RateLimit-Reset").map(reset -> {
                            Duration until = Duration.between(http.clock().instant(),
                                    Instant.ofEpochSecond(Long.parseLong(reset.trim())));
                            return until.isNegative() ? Duration.ZERO : until;
                        }).orElse(null));
                return new SendResult.Retryable(reason, wait);
            }
            return response.retryable() ? new SendResult.Retryable(reason, http.retryAfter(response.headers()).orElse(null))
                    : new SendResult.Rejected(reason);
        });
    }

    private String errors(String body) {
        JsonNode answer = json.readTree(body);
        List<String> messages = new ArrayList<>();
        for (JsonNode error : answer.path("errors")) {
            String field = error.path("field").isString() ? " (" + error.path("field").asString() + ")" : "";
            messages.add(error.path("message").asString("") + field);
        }
        if (messages.isEmpty()) {
            throw new IllegalStateException("no errors array");
        }
        return String.join("; ", messages);
    }
}
