package com.aifinance.queuemonitor.notification.provider;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}: form-encoded, HTTP basic auth with the account
 * SID and auth token. Success is {@code 201} with the message resource ({@code sid}); errors are
 * {@code {"code", "message", "more_info", "status"}}.
 */
public final class TwilioSender implements ChannelSender {

    private final TwilioProperties properties;
    private final VendorHttp http;
    private final JsonMapper json;

    public TwilioSender(TwilioProperties properties, ProviderClients clients) {
        this.properties = properties;
        this.http = clients.http();
        this.json = clients.json();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean configured() {
        return !properties.accountSid().isBlank() && !properties.authToken().isBlank()
                && (!properties.fromNumber().isBlank() || !properties.messagingServiceSid().isBlank());
    }

    @Override
    public String missingSettings() {
        List<String> missing = new ArrayList<>();
        if (properties.accountSid().isBlank()) {
            missing.add("TWILIO_ACCOUNT_SID");
        }
        if (properties.authToken().isBlank()) {
            missing.add("TWILIO_AUTH_TOKEN");
        }
        if (properties.fromNumber().isBlank() && properties.messagingServiceSid().isBlank()) {
            missing.add("TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID");
        }
        return String.join(", ", missing);
    }

    @Override
    public SendResult send(OutboundMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.address());
        if (!properties.messagingServiceSid().isBlank()) {
            form.put("MessagingServiceSid", properties.messagingServiceSid());
        } else {
            form.put("From", properties.fromNumber());
        }
        form.put("Body", message.message().text());
        String encoded = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String credentials = Base64.getEncoder().encodeToString(
                (properties.accountSid() + ":" + properties.authToken()).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TelegramSender.trimSlash(properties.baseUrl())
                        + "/2010-04-01/Accounts/" + URLEncoder.encode(properties.accountSid(), StandardCharsets.UTF_8)
                        + "/Messages.json"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encoded));
        return http.attempt(request, response -> {
            JsonNode answer = json.readTree(response.body());
            if (response.successful()) {
                JsonNode sid = answer.path("sid");
                if (!sid.isString()) {
                    throw new IllegalStateException("no sid");
                }
                return new SendResult.Delivered(sid.asString());
            }
            if (!answer.has("message")) {
                throw new IllegalStateException("no error message");
            }
            String reason = "Twilio " + response.status() + " (" + answer.path("code").asString("?") + "): "
                    + answer.path("message").asString();
            return response.retryable() ? new SendResult.Retryable(reason, http.retryAfter(response.headers()).orElse(null))
                    : new SendResult.Rejected(reason);
        });
    }
}
