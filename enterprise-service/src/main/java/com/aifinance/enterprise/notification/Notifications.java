package com.aifinance.enterprise.notification;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import org.springframework.stereotype.Component;

/**
 * Asks queue-monitor-service to deliver a message ({@code notification.requested} on {@code aifa.notify}), in the
 * transaction of the change that causes it, so a rolled-back change sends nothing.
 */
@Component
public class Notifications {

    private final Outbox outbox;

    Notifications(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * An e-mail built from {@code template} (one of the templates of docs/contracts.md).
     *
     * @param userId the platform user, when the recipient is one (null for an address outside the platform)
     * @return the notification id
     */
    public UUID email(String template, String email, String userId, Map<String, Object> params, Priority priority) {
        UUID id = UUID.randomUUID();
        outbox.publish(EventStreams.NOTIFY, "notification.requested", id.toString(),
                new Requested(id.toString(), template, new Recipient(userId, email), "email", null, params,
                        priority.name().toLowerCase(Locale.ROOT)));
        return id;
    }

    public enum Priority {
        HIGH, NORMAL
    }

    record Requested(String notificationId, String template, Recipient recipient, String channel, String tier,
                     Map<String, Object> params, String priority) {
    }

    record Recipient(String userId, String email) {
    }
}
