package com.aifinance.queuemonitor.notification.provider;

import java.time.Duration;

/** How one delivery attempt ended, as the provider's answer tells it. */
public sealed interface SendResult {

    /** The provider accepted the message. */
    record Delivered(String providerMessageId) implements SendResult {
    }

    /**
     * Worth trying again: a timeout, a 5xx, a 429 or an unreadable answer.
     *
     * @param retryAfter how long the provider asked us to wait (Retry-After and the like), or null
     */
    record Retryable(String reason, Duration retryAfter) implements SendResult {
    }

    /** The provider refused the message for a reason that another attempt will not change (a 4xx). */
    record Rejected(String reason) implements SendResult {
    }
}
