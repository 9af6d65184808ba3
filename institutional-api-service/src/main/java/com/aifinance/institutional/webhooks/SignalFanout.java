package com.aifinance.institutional.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each {@code signal.published} on {@code aifa.signal} becomes one pending delivery per active endpoint, in the
 * transaction that records the event as handled: a redelivered event queues nothing twice. The body is fixed here, so
 * every retry sends (and signs) the same bytes.
 */
@Configuration(proxyBeanMethods = false)
class SignalFanout {

    @Bean
    EventSubscription signalWebhookFanout(WebhookEndpoints endpoints, JsonMapper json) {
        return EventSubscription.to(EventStreams.SIGNAL, event -> fanOut(event, endpoints, json));
    }

    static void fanOut(EventEnvelope event, WebhookEndpoints endpoints, JsonMapper json) {
        if (!"signal.published".equals(event.type())) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("createdAt", event.time().toString());
        body.put("data", event.data());
        String payload = json.writeValueAsString(body);
        for (WebhookEndpoints.Endpoint endpoint : endpoints.allActive()) {
            endpoints.enqueue(endpoint.id(), event.id(), event.type(), payload);
        }
    }
}
