package com.aifinance.analytics.saas;

/**
 * From {@code atMicros} on, revenue stream {@code stream} (a subscription or a contract) of a customer is worth
 * {@code mrrMinor} a month in currency number {@code currency}.
 *
 * @param seq    orders changes of the same instant (the order they were recorded)
 * @param active whether the stream is an active (or past-due) subscription or a running contract
 */
record MrrChange(long atMicros, long seq, int stream, long mrrMinor, int currency, int tier, boolean active)
        implements Comparable<MrrChange> {

    @Override
    public int compareTo(MrrChange other) {
        int byTime = Long.compare(atMicros, other.atMicros);
        return byTime != 0 ? byTime : Long.compare(seq, other.seq);
    }
}
