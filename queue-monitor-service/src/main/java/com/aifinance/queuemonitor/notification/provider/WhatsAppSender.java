package com.aifinance.queuemonitor.notification.provider;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * WhatsApp Business Cloud API: {@code POST /{version}/{phone-number-id}/messages} with a message template. Success is
 * {@code {"messages": [{"id": "wamid…"}]}}; errors are Graph API errors, and throttling arrives as HTTP 400 with
 * codes such as 130429 or 131056, so those are retried too.
 */
public final class WhatsAppSender implements ChannelSender {

    /** Graph error codes that mean "slow down" or "try again", whatever the HTTP status says. */
    private static final Set<Integer> RETRYABLE_CODES = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131056);

    private final WhatsAppProperties properties;
    private final VendorHttp http;
    private final JsonMapper json;

    public WhatsAppSender(WhatsAppProperties properties, ProviderClients clients) {
        this.properties = properties;
        this.http = clients.http();
        this.json = clients.json();
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    @Override
    public boolean configured() {
        return !properties.phoneNumberId().isBlank() && !properties.accessToken().isBlank();
    }

    @Override
    public String missingSettings() {
        StringBuilder missing = new StringBuilder();
        if (properties.phoneNumberId().isBlank()) {
            missing.append("WHATSAPP_PHONE_NUMBER_ID");
        }
        if (properties.accessToken().isBlank()) {
            missing.append(missing.isEmpty() ? "" : ", ").append("WHATSAPP_ACCESS_TOKEN");
        }
        return missing.toString();
    }

    @Override
    public SendResult send(OutboundMessage message) {
        ObjectNode body = json.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", message.address().startsWith("+") ? message.address().substring(1) : message.address());
        body.put("type", "template");
        ObjectNode template = body.putObject("template");
        template.put("name", message.message().templateName());
        template.putObject("language").put("code", properties.language());
        if (!message.message().templateParams().isEmpty()) {
            ArrayNode parameters = template.putArray("components").addObject().put("type", "body").putArray("parameters");
            message.message().templateParams().forEach(value -> parameters.addObject().put("type", "text").put("text", value));
        }
        URI uri = URI.create(TelegramSender.trimSlash(properties.baseUrl()) + "/" + properties.apiVersion() + "/"
                + properties.phoneNumberId() + "/messages");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + properties.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        return http.attempt(request, response -> {
            JsonNode answer = json.readTree(response.body());
            if (response.successful()) {
                JsonNode id = answer.path("messages").path(0).path("id");
                if (!id.isString()) {
                    throw new IllegalStateException("no messages[0].id");
                }
                return new SendResult.Delivered(id.asString());
            }
            JsonNode error = answer.path("error");
            if (!error.isObject()) {
                throw new IllegalStateException("no error object");
            }
            int code = error.path("code").asInt(-1);
            String reason = "WhatsApp " + response.status() + " (#" + code + "): " + error.path("message").asString("")
                    + (error.path("error_data").has("details") ? " — " + error.path("error_data").path("details").asString() : "");
            if (response.retryable() || RETRYABLE_CODES.contains(code)) {
                return new SendResult.Retryable(reason, http.retryAfter(response.headers()).orElse(null));
            }
            return new SendResult.Rejected(reason);
        });
    }
}
