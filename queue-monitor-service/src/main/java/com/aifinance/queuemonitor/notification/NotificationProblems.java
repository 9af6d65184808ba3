package com.aifinance.queuemonitor.notification;

import java.net.URI;

import com.aifinance.common.web.ProblemTypes;

/** Problem types of the notification API, beside the platform's common ones (docs/notifications.md). */
final class NotificationProblems {

    /** 403: the caller's tier does not include the channel (Telegram and WhatsApp are Pro and above). */
    static final URI CHANNEL_NOT_IN_TIER = ProblemTypes.of("channel-not-in-tier");
    /** 400: the code typed to verify an address is wrong, expired or guessed too often. */
    static final URI VERIFICATION_FAILED = ProblemTypes.of("verification-failed");

    private NotificationProblems() {
    }
}
