package com.aifinance.queuemonitor.notification.provider;

/** What every channel's configuration says about pacing its provider. */
public interface ChannelSettings {

    /** Messages per second across all instances (the provider's limit for our account). */
    double ratePerSecond();

    /** Messages that may go out at once before the rate applies. */
    int burst();

    /** Requests in flight at once from one instance. */
    int concurrency();
}
