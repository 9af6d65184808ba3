package com.aifinance.analytics.ingest;

import com.aifinance.common.events.EventEnvelope;

/** An event whose data breaks its contract; it is not recorded (and ends in the stream's dead letters). */
final class MalformedEventException extends IllegalArgumentException {

    MalformedEventException(EventEnvelope event, String problem) {
        super(event.type() + " " + event.id() + " from " + event.source() + ": " + problem);
    }
}
