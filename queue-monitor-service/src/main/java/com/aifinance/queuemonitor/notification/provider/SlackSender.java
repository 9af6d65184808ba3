package com.aifinance.queuemonitor.notification.provider;

import java.net.URI;
import java.net.http.HttpRequest;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack incoming webhooks: {@code POST} JSON {@code {"text": …}} to the webhook URL. Slack answers {@code 200 ok} in
 * plain text, and errors as plain-text codes ({@code invalid_payload}, {@code no_service}, {@code channel_is_archived}
 * …); a 429 carries {@code Retry-After}.
 */
public final class SlackSender implements ChannelSender {

    private final SlackProperties properties;
    private final VendorHttp http;
    private final JsonMapper json;

    public SlackSender(SlackProperties properties, ProviderClients clients) {
        this.properties = properties;
        this.http = clients.http();
        this.json = clients.json();
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    /** A webhook URL is its own credential, so Slack needs only to know where Slack is. */
    @Override
    public boolean configured() {
        return !properties.baseUrl().isBlank();
    }

    @Override
    public String missingSettings() {
        return configured() ? "" : "SLACK_WEBHOOK_BASE_URL";
    }

    @Override
    public SendResult send(OutboundMessage message) {
        if (!properties.isWebhook(message.address())) {
            return new SendResult.Rejected("not a Slack incoming webhook URL of " + properties.baseUrl());
        }
        ObjectNode body = json.createObjectNode();
        body.put("text", message.message().text());
        body.put("mrkdwn", true);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(message.address()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        return http.attempt(request, response -> {
            String answer = response.body().trim();
            if (response.successful()) {
                if (!"ok".equals(answer)) {
                    throw new IllegalStateException("expected ok");
                }
                return new SendResult.Delivered(null);
            }
            String reason = "Slack " + response.status() + ": " + VendorHttp.snippet(answer);
            return response.retryable() ? new SendResult.Retryable(reason, http.retryAfter(response.headers()).orElse(null))
                    : new SendResult.Rejected(reason);
        });
    }
}
