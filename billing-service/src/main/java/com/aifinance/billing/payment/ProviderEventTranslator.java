package com.aifinance.billing.payment;

import java.time.Instant;
import java.util.List;

import com.aifinance.billing.provider.ProviderName;
import tools.jackson.databind.JsonNode;

/** Reads one provider's webhook JSON as {@link ProviderEvent}s; an event type billing does not use gives none. */
public interface ProviderEventTranslator {

    ProviderName provider();

    /** @throws ParkedEvent when a type billing uses arrives without the fields it needs */
    List<ProviderEvent> translate(String type, JsonNode event, Instant eventCreatedAt);

    /** Null-safe text of a field: null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    static long amount(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber()) {
            throw new ParkedEvent("malformed_payload", "field " + field + " is not an integer amount");
        }
        return value.asLong();
    }

    static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new ParkedEvent("malformed_payload", "field " + field + " is missing");
        }
        return value;
    }
}
