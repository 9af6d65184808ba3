package com.aifinance.queuemonitor.notification.provider;

/** Delivers messages of one channel through its provider's HTTP API. */
public interface ChannelSender {

    Channel channel();

    /** Whether the credentials the provider needs are configured; without them nothing is sent (and nothing faked). */
    boolean configured();

    /** The settings (environment variables) that are missing, for the "not configured" reason. */
    String missingSettings();

    /** One attempt; never throws for the provider's failures, which come back as {@link SendResult}s. */
    SendResult send(OutboundMessage message);
}
