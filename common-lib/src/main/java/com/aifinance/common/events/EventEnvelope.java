package com.aifinance.common.events;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event in the CloudEvents 1.0 JSON format: what every platform stream carries.
 *
 * @param traceparent the W3C trace context of the transaction that produced the event, when there was one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        JsonNode data,
        String traceparent) {

    public static final String SPEC_VERSION = "1.0";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    /** The event's data read as {@code type}. */
    public <T> T dataAs(Class<T> type, JsonMapper mapper) {
        return mapper.treeToValue(data, type);
    }
}
