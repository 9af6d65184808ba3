package com.aifinance.common.events;

/** The platform's streams, one per producing domain, and the naming of their dead-letter streams. */
public final class EventStreams {

    public static final String BILLING = "aifa.billing";
    public static final String SUBSCRIPTION = "aifa.subscription";
    public static final String SIGNAL = "aifa.signal";
    public static final String ENTERPRISE = "aifa.enterprise";
    public static final String NOTIFY = "aifa.notify";

    private EventStreams() {
    }

    public static String deadLetterOf(String stream) {
        return stream + ".dlq";
    }

    /** The Redis key whose presence pauses a consumer group. */
    public static String pauseKey(String stream, String group) {
        return "aifa:events:paused:" + stream + ":" + group;
    }
}
