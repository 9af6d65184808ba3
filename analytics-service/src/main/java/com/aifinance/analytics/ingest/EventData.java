package com.aifinance.analytics.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

import com.aifinance.common.events.EventEnvelope;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code data} of a contract event (docs/contracts.md) strictly: a missing or malformed required field is
 * a {@link MalformedEventException}, which the consumer retries and finally sends to the dead-letter stream rather
 * than recording a wrong fact.
 */
final class EventData {

    private final EventEnvelope event;
    private final JsonNode data;

    EventData(EventEnvelope event) {
        this.event = event;
        if (event.data() == null || !event.data().isObject()) {
            throw new MalformedEventException(event, "data is not a JSON object");
        }
        this.data = event.data();
    }

    String text(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw new MalformedEventException(event, field + " is missing");
        }
        return value;
    }

    String optionalText(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode() || node.isContainer()) {
            throw new MalformedEventException(event, field + " is not a value");
        }
        String value = node.asString().strip();
        return value.isEmpty() ? null : value;
    }

    String oneOf(String field, Set<String> allowed) {
        String value = text(field).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new MalformedEventException(event, field + " is '" + value + "', expected one of " + allowed);
        }
        return value;
    }

    long minorUnits(String field) {
        Long value = optionalMinorUnits(field);
        if (value == null) {
            throw new MalformedEventException(event, field + " is missing");
        }
        return value;
    }

    /** Money is an integer of minor units; a decimal or negative amount is refused, never rounded. */
    Long optionalMinorUnits(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        long value;
        try {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                value = node.longValue();
            } else if (node.isString()) {
                value = Long.parseLong(node.asString().strip());
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new MalformedEventException(event, field + " is not an integer amount of minor units");
        }
        if (value < 0) {
            throw new MalformedEventException(event, field + " is negative");
        }
        return value;
    }

    Long optionalLong(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw new MalformedEventException(event, field + " is not an integer");
        }
        return node.longValue();
    }

    BigDecimal optionalDecimal(String field) {
        String value = optionalText(field);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new MalformedEventException(event, field + " is not a decimal number");
        }
    }

    String currency(String field) {
        String code = text(field).toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(code);
            return code;
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(event, field + " '" + code + "' is not an ISO 4217 currency");
        }
    }

    Instant instant(String field) {
        Instant value = optionalInstant(field);
        if (value == null) {
            throw new MalformedEventException(event, field + " is missing");
        }
        return value;
    }

    /** {@code field}, or the envelope's time when the producer left it out. */
    Instant instantOrEventTime(String field) {
        Instant value = optionalInstant(field);
        return value != null ? value : event.time();
    }

    Instant optionalInstant(String field) {
        String value = optionalText(field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(event, field + " is not an ISO-8601 instant");
        }
    }

    LocalDate date(String field) {
        String value = text(field);
        try {
            return value.length() > 10 ? LocalDate.ofInstant(Instant.parse(value), java.time.ZoneOffset.UTC)
                    : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(event, field + " is not an ISO-8601 date");
        }
    }

    boolean flag(String field, boolean fallback) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new MalformedEventException(event, field + " is not a boolean");
        }
        return node.booleanValue();
    }
}
