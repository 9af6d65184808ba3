package com.aifinance.analytics.partition;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the monthly partitions of the {@link PartitionedTable}s: ahead of time (see {@link PartitionMaintenance})
 * and on demand, just before a row for a month without a partition is written (a backfilled or late event).
 * Creation runs in its own short transaction under an advisory lock, so concurrent instances and consumers never
 * race on the DDL and the caller's transaction holds no lock on the parent table meanwhile.
 */
@Component
public class MonthlyPartitions {

    /** Events from before this month or more than this far ahead are refused rather than given a partition. */
    static final YearMonth EARLIEST = YearMonth.of(2000, 1);
    static final int MAX_MONTHS_AHEAD = 13;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    MonthlyPartitions(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Makes sure the partition holding {@code instant} exists; refuses instants no real event can have. */
    public void ensureFor(PartitionedTable table, Instant instant) {
        YearMonth month = YearMonth.from(instant.atOffset(ZoneOffset.UTC));
        YearMonth latest = YearMonth.now(clock).plusMonths(MAX_MONTHS_AHEAD);
        if (month.isBefore(EARLIEST) || month.isAfter(latest)) {
            throw new IllegalArgumentException("refusing " + table.tableName() + " row dated " + instant
                    + ": outside " + EARLIEST + " … " + latest);
        }
        ensure(table, month);
    }

    /** Creates the partition of {@code month} unless it exists. */
    public void ensure(PartitionedTable table, YearMonth month) {
        String name = partitionName(table, month);
        if (known.contains(name)) {
            return;
        }
        ownTransaction.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("analytics-partition:" + table.tableName())
                    .query().singleRow();
            LocalDate first = month.atDay(1);
            // names and bounds come from an enum and a YearMonth, never from input text
            jdbc.sql("create table if not exists " + name + " partition of " + table.tableName()
                    + " for values from ('" + first + " 00:00:00+00') to ('" + first.plusMonths(1) + " 00:00:00+00')")
                    .update();
        });
        known.add(name);
    }

    /** The partitions that exist for {@code table}, oldest first. */
    public java.util.List<String> existing(PartitionedTable table) {
        return jdbc.sql("""
                        select child.relname from pg_inherits
                        join pg_class parent on parent.oid = pg_inherits.inhparent
                        join pg_class child on child.oid = pg_inherits.inhrelid
                        join pg_namespace ns on ns.oid = parent.relnamespace
                        where parent.relname = ? and ns.nspname = current_schema()
                        order by child.relname""")
                .param(table.tableName()).query(String.class).list();
    }

    static String partitionName(PartitionedTable table, YearMonth month) {
        return table.tableName() + "_p" + month.getYear() + String.format("%02d", month.getMonthValue());
    }
}
