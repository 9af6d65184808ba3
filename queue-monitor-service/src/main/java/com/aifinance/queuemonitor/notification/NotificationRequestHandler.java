package com.aifinance.queuemonitor.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventHandler;
import com.aifinance.queuemonitor.notification.NotificationRequest.Rejection;
import com.aifinance.queuemonitor.notification.provider.Channel;
import com.aifinance.queuemonitor.notification.provider.ChannelSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Consumes {@code notification.requested} from {@code aifa.notify}: checks the request, chooses channels and renders
 * once to prove the template's values, then writes one delivery row per channel in the consumer's transaction (the
 * same one that records the event in the inbox). It never calls a provider, so a slow provider never holds up the
 * stream, and a request that can never be delivered is rejected with its reason instead of failing five times.
 */
@Component
class NotificationRequestHandler implements EventHandler {

    static final String TYPE = "notification.requested";
    private static final Logger log = LoggerFactory.getLogger(NotificationRequestHandler.class);

    private final ChannelRouter router;
    private final MessageRenderer renderer;
    private final DeliveryQueue queue;
    private final RejectionLog rejections;
    private final DeliveryDispatchers dispatchers;
    private final NotificationMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;

    NotificationRequestHandler(ChannelRouter router, MessageRenderer renderer, DeliveryQueue queue,
                               RejectionLog rejections, DeliveryDispatchers dispatchers, NotificationMetrics metrics,
                               JsonMapper json, Clock clock) {
        this.router = router;
        this.renderer = renderer;
        this.queue = queue;
        this.rejections = rejections;
        this.dispatchers = dispatchers;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void handle(EventEnvelope event) {
        if (!TYPE.equals(event.type())) {
            return;
        }
        Instant now = clock.instant();
        long started = System.nanoTime();
        NotificationRequest request = null;
        try {
            request = NotificationRequest.parse(event.data());
            List<ChannelRouter.Target> targets = router.route(request);
            // Checking the values is what can fail; rendering them for a channel cannot after that.
            renderer.values(request.template(), request.params());
            Set<Channel> queued = EnumSet.noneOf(Channel.class);
            for (ChannelRouter.Target target : targets) {
                ChannelSender sender = dispatchers.sender(target.channel());
                String parked = sender.configured() ? null
                        : target.channel() + " is not configured (missing " + sender.missingSettings() + ")";
                queue.enqueue(new DeliveryQueue.NewDelivery(request.notificationId(), event.id(),
                        request.recipient().userId(), request.template().id(), target.channel(), target.address(),
                        request.tier(), request.priority(),
                        request.params() == null ? "{}" : json.writeValueAsString(request.params()),
                        event.time()), parked, now)
                        .ifPresent(id -> {
                            if (parked != null) {
                                metrics.outcome(target.channel(), NotificationMetrics.PARKED);
                                log.warn("Parked delivery {} of notification: {}", id, parked);
                            }
                        });
                queued.add(target.channel());
            }
            wakeAfterCommit(queued);
        } catch (Rejection rejection) {
            reject(event, request, rejection.code(), rejection.getMessage(), now);
        } catch (MessageRenderer.InvalidParams invalid) {
            reject(event, request, "invalid_params", invalid.getMessage(), now);
        } finally {
            metrics.intake(System.nanoTime() - started);
        }
    }

    private void reject(EventEnvelope event, NotificationRequest request, String code, String reason, Instant now) {
        String notificationId = request != null ? request.notificationId() : textOrNull(event, "notificationId");
        rejections.record(event.id(), notificationId,
                request != null ? request.template().id() : textOrNull(event, "template"),
                request != null && request.channel() != null ? request.channel().id() : textOrNull(event, "channel"),
                request != null ? request.recipient().userId() : null,
                reason, event.data() == null ? null : json.writeValueAsString(withoutCodes(event.data())), now);
        metrics.rejected(code);
        log.warn("Rejected notification request {} (event {}): {}", notificationId, event.id(), reason);
    }

    /** One-time codes are not kept in the rejection log. */
    private static JsonNode withoutCodes(JsonNode data) {
        if (data.isObject() && data.path("params").isObject() && data.path("params").has("code")) {
            JsonNode copy = data.deepCopy();
            ((ObjectNode) copy.get("params")).remove("code");
            return copy;
        }
        return data;
    }

    private static String textOrNull(EventEnvelope event, String field) {
        try {
            String value = NotificationRequest.text(event.data(), field);
            return value == null || value.length() > 200 ? null : value;
        } catch (RuntimeException notText) {
            return null;
        }
    }

    private void wakeAfterCommit(Set<Channel> channels) {
        if (channels.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    channels.forEach(dispatchers::wake);
                }
            });
        } else {
            channels.forEach(dispatchers::wake);
        }
    }
}
