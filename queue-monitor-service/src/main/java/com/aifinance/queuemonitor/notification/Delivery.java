package com.aifinance.queuemonitor.notification;

import java.time.Instant;
import java.util.UUID;

import com.aifinance.queuemonitor.notification.provider.Channel;

/**
 * One notification on one channel, as the delivery queue holds it.
 *
 * @param status      {@code queued}, {@code sending} (leased by a dispatcher), {@code delivered}, {@code dead_lettered}
 *                    or {@code parked} (the channel is not configured)
 * @param requestedAt when the producer requested it (the event's time): the start of the enqueue→delivered latency
 */
record Delivery(UUID id, String notificationId, String eventId, String userId, String template, Channel channel,
                String address, String tier, String priority, String params, String status, int attempts,
                Instant nextAttemptAt, Instant leaseUntil, String leasedBy, String lastError, String providerMessageId,
                Instant requestedAt, Instant queuedAt, Instant deliveredAt) {

    static final String QUEUED = "queued";
    static final String SENDING = "sending";
    static final String DELIVERED = "delivered";
    static final String DEAD_LETTERED = "dead_lettered";
    static final String PARKED = "parked";
}
