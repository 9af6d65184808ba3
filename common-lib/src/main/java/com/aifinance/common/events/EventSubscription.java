package com.aifinance.common.events;

import java.util.Objects;

/**
 * Declares that this service consumes {@code stream}: register one as a bean and the consumer-group runner starts a
 * worker for it. The consumer group is the service's name.
 */
public record EventSubscription(String stream, EventHandler handler) {

    public EventSubscription {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(handler, "handler");
    }

    public static EventSubscription to(String stream, EventHandler handler) {
        return new EventSubscription(stream, handler);
    }
}
