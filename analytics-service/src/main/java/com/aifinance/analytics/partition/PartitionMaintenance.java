package com.aifinance.analytics.partition;

import java.time.Clock;
import java.time.YearMonth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps partitions created ahead: at start-up and every day, the current month and the next
 * {@code aifa.analytics.partitions.months-ahead} months of every partitioned table.
 */
@Component
public class PartitionMaintenance {

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final MonthlyPartitions partitions;
    private final Clock clock;
    private final int monthsAhead;

    PartitionMaintenance(MonthlyPartitions partitions, Clock clock,
                         @Value("${aifa.analytics.partitions.months-ahead:3}") int monthsAhead) {
        this.partitions = partitions;
        this.clock = clock;
        this.monthsAhead = monthsAhead;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        createAhead();
    }

    @Scheduled(cron = "${aifa.analytics.partitions.cron:0 17 0 * * *}", zone = "UTC")
    void daily() {
        createAhead();
    }

    /** Creates this month's partition and the next months' where missing. */
    public void createAhead() {
        YearMonth current = YearMonth.now(clock);
        for (PartitionedTable table : PartitionedTable.values()) {
            for (int ahead = 0; ahead <= monthsAhead; ahead++) {
                partitions.ensure(table, current.plusMonths(ahead));
            }
        }
        log.debug("Partitions ensured through {}", current.plusMonths(monthsAhead));
    }
}
