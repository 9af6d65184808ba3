package com.aifinance.queuemonitor.notification.provider;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram Bot API {@code sendMessage} with HTML parse mode. Every answer is {@code {"ok": …}}; errors carry
 * {@code error_code} and {@code description}, and a 429 tells how long to wait in {@code parameters.retry_after}.
 */
public final class TelegramSender implements ChannelSender {

    private final TelegramProperties properties;
    private final VendorHttp http;
    private final JsonMapper json;

    public TelegramSender(TelegramProperties properties, ProviderClients clients) {
        this.properties = properties;
        this.http = clients.http();
        this.json = clients.json();
    }

    @Override
    public Channel channel() {
        return Channel.TELEGRAM;
    }

    @Override
    public boolean configured() {
        return !properties.botToken().isBlank();
    }

    @Override
    public String missingSettings() {
        return configured() ? "" : "TELEGRAM_BOT_TOKEN";
    }

    @Override
    public SendResult send(OutboundMessage message) {
        ObjectNode body = json.createObjectNode();
        body.put("chat_id", message.address());
        body.put("text", message.message().text());
        body.put("parse_mode", "HTML");
        body.putObject("link_preview_options").put("is_disabled", true);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(trimSlash(properties.baseUrl()) + "/bot" + properties.botToken() + "/sendMessage"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        return http.attempt(request, response -> {
            JsonNode answer = json.readTree(response.body());
            if (!answer.has("ok")) {
                throw new IllegalStateException("no ok field");
            }
            if (answer.path("ok").asBoolean(false) && response.successful()) {
                JsonNode id = answer.path("result").path("message_id");
                if (!id.isNumber()) {
                    throw new IllegalStateException("no result.message_id");
                }
                return new SendResult.Delivered(id.asString());
            }
            String reason = "Telegram " + answer.path("error_code").asInt(response.status()) + ": "
                    + answer.path("description").asString("(no description)");
            if (response.retryable()) {
                JsonNode wait = answer.path("parameters").path("retry_after");
                Duration retryAfter = wait.isNumber() ? Duration.ofSeconds(wait.asLong())
                        : http.retryAfter(response.headers()).orElse(null);
                return new SendResult.Retryable(reason, retryAfter);
            }
            return new SendResult.Rejected(reason);
        });
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
