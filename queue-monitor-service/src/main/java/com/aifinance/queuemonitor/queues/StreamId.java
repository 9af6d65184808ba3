package com.aifinance.queuemonitor.queues;

/** A Redis stream entry id ({@code <milliseconds>-<sequence>}), ordered as Redis orders them. */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {

    static final StreamId ZERO = new StreamId(0, 0);

    static StreamId parse(String id) {
        if (id == null || id.isBlank()) {
            return ZERO;
        }
        int dash = id.indexOf('-');
        try {
            return dash < 0 ? new StreamId(Long.parseLong(id), 0)
                    : new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stream entry id: " + id);
        }
    }

    static boolean valid(String id) {
        return id != null && id.matches("\\d{1,19}-\\d{1,19}");
    }

    @Override
    public int compareTo(StreamId other) {
        int byMillis = Long.compareUnsigned(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
