package com.aifinance.queuemonitor.queues;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Queue gauges for Prometheus, refreshed from Redis on a schedule (a scrape never waits for Redis): length and dead
 * letters per stream; lag, pending, oldest pending age, dead letters, consumers and paused per stream and group.
 */
@Component
class QueueMetrics {

    private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

    private final QueueInspector inspector;
    private final MultiGauge length;
    private final MultiGauge deadLetters;
    private final MultiGauge lag;
    private final MultiGauge pending;
    private final MultiGauge oldestPendingAge;
    private final MultiGauge groupDeadLetters;
    private final MultiGauge consumers;
    private final MultiGauge paused;

    QueueMetrics(QueueInspector inspector, MeterRegistry registry) {
        this.inspector = inspector;
        length = MultiGauge.builder("aifa.queue.length").description("Entries in the stream").register(registry);
        deadLetters = MultiGauge.builder("aifa.queue.dead.letters").description("Entries in the stream's .dlq")
                .register(registry);
        lag = MultiGauge.builder("aifa.queue.lag").description("Entries not yet delivered to the consumer group")
                .register(registry);
        pending = MultiGauge.builder("aifa.queue.pending").description("Entries delivered but not acknowledged")
                .register(registry);
        oldestPendingAge = MultiGauge.builder("aifa.queue.oldest.pending.age").baseUnit("seconds")
                .description("Age of the group's oldest pending entry").register(registry);
        groupDeadLetters = MultiGauge.builder("aifa.queue.group.dead.letters")
                .description("Dead letters the consumer group left in the stream's .dlq").register(registry);
        consumers = MultiGauge.builder("aifa.queue.consumers").description("Consumers in the group").register(registry);
        paused = MultiGauge.builder("aifa.queue.paused").description("1 while the consumer group is paused")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${aifa.queues.metrics-refresh:15s}", initialDelayString = "${aifa.queues.metrics-initial-delay:5s}")
    void refresh() {
        try {
            List<QueueInspector.StreamView> streams = inspector.all();
            List<MultiGauge.Row<?>> lengths = new ArrayList<>();
            List<MultiGauge.Row<?>> dead = new ArrayList<>();
            List<MultiGauge.Row<?>> lags = new ArrayList<>();
            List<MultiGauge.Row<?>> pendings = new ArrayList<>();
            List<MultiGauge.Row<?>> ages = new ArrayList<>();
            List<MultiGauge.Row<?>> groupDead = new ArrayList<>();
            List<MultiGauge.Row<?>> consumerCounts = new ArrayList<>();
            List<MultiGauge.Row<?>> pausedFlags = new ArrayList<>();
            for (QueueInspector.StreamView stream : streams) {
                Tags streamTags = Tags.of("stream", stream.stream());
                lengths.add(MultiGauge.Row.of(streamTags, stream.length()));
                dead.add(MultiGauge.Row.of(streamTags, stream.deadLetters()));
                for (QueueInspector.GroupView group : stream.groups()) {
                    Tags tags = streamTags.and("group", group.name());
                    lags.add(MultiGauge.Row.of(tags, group.lag() == null ? 0 : group.lag()));
                    pendings.add(MultiGauge.Row.of(tags, group.pending()));
                    ages.add(MultiGauge.Row.of(tags,
                            group.oldestPendingAgeMs() == null ? 0.0 : group.oldestPendingAgeMs() / 1000.0));
                    groupDead.add(MultiGauge.Row.of(tags, group.deadLetters()));
                    consumerCounts.add(MultiGauge.Row.of(tags, group.consumers().size()));
                    pausedFlags.add(MultiGauge.Row.of(tags, group.paused() ? 1 : 0));
                }
            }
            length.register(lengths, true);
            deadLetters.register(dead, true);
            lag.register(lags, true);
            pending.register(pendings, true);
            oldestPendingAge.register(ages, true);
            groupDeadLetters.register(groupDead, true);
            consumers.register(consumerCounts, true);
            paused.register(pausedFlags, true);
        } catch (RuntimeException e) {
            log.warn("Refreshing the queue metrics failed; keeping the last values: {}", e.toString());
        }
    }
}
