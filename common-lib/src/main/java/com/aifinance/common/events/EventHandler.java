package com.aifinance.common.events;

/**
 * Applies one event. It runs inside the transaction that records the event as handled, so its database effects and
 * that record commit together; throwing rolls both back and the event is delivered again later.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope event) throws Exception;
}
