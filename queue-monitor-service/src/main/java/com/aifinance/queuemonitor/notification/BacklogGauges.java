package com.aifinance.queuemonitor.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Refreshes the delivery backlog gauges from the database on a schedule, so a scrape never runs a query. */
@Component
class BacklogGauges {

    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private final DeliveryQueue queue;
    private final NotificationMetrics metrics;

    BacklogGauges(DeliveryQueue queue, NotificationMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${aifa.queues.metrics-refresh:15s}", initialDelayString = "${aifa.queues.metrics-initial-delay:5s}")
    void refresh() {
        try {
            queue.backlog().forEach((channel, statuses) ->
                    statuses.forEach((status, count) -> metrics.backlog(channel, status, count)));
        } catch (RuntimeException e) {
            log.warn("Refreshing the delivery backlog gauges failed: {}", e.toString());
        }
    }
}
