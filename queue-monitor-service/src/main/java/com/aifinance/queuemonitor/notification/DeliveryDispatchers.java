package com.aifinance.queuemonitor.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.aifinance.queuemonitor.notification.provider.Channel;
import com.aifinance.queuemonitor.notification.provider.ChannelSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** One dispatcher per channel, started after the application is ready and stopped before the database goes. */
final class DeliveryDispatchers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatchers.class);

    private final Map<Channel, DeliveryDispatcher> dispatchers = new EnumMap<>(Channel.class);
    private final DeliveryQueue queue;
    private final Clock clock;
    private volatile boolean running;

    DeliveryDispatchers(List<DeliveryDispatcher> dispatchers, DeliveryQueue queue, Clock clock) {
        dispatchers.forEach(dispatcher -> this.dispatchers.put(dispatcher.sender().channel(), dispatcher));
        this.queue = queue;
        this.clock = clock;
    }

    void wake(Channel channel) {
        DeliveryDispatcher dispatcher = dispatchers.get(channel);
        if (dispatcher != null) {
            dispatcher.wake();
        }
    }

    ChannelSender sender(Channel channel) {
        DeliveryDispatcher dispatcher = dispatchers.get(channel);
        if (dispatcher == null) {
            throw new IllegalStateException("no sender for " + channel);
        }
        return dispatcher.sender();
    }

    Collection<DeliveryDispatcher> all() {
        return dispatchers.values();
    }

    /** Deliveries parked while their channel had no credentials go out once it has them (after a restart). */
    int unparkConfiguredChannels() {
        int unparked = 0;
        for (DeliveryDispatcher dispatcher : dispatchers.values()) {
            if (dispatcher.sender().configured()) {
                int count = queue.unpark(dispatcher.sender().channel(), clock.instant());
                if (count > 0) {
                    log.info("{} is configured now: {} parked deliveries queued again", dispatcher.sender().channel(), count);
                    dispatcher.wake();
                }
                unparked += count;
            }
        }
        return unparked;
    }

    @Override
    public void start() {
        dispatchers.values().forEach(dispatcher -> {
            if (!dispatcher.sender().configured()) {
                log.warn("{} is not configured (missing {}): its deliveries are parked", dispatcher.sender().channel(),
                        dispatcher.sender().missingSettings());
            }
        });
        try {
            unparkConfiguredChannels();
        } catch (RuntimeException e) {
            log.warn("Could not queue parked deliveries again: {}", e.toString());
        }
        dispatchers.values().forEach(DeliveryDispatcher::start);
        running = true;
    }

    @Override
    public void stop() {
        dispatchers.values().forEach(DeliveryDispatcher::requestStop);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        dispatchers.values().forEach(dispatcher -> dispatcher.awaitStopped(deadline));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
