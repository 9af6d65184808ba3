package com.aifinance.analytics.saas;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.aifinance.analytics.AnalyticsApplication;
import com.aifinance.analytics.partition.MonthlyPartitions;
import com.aifinance.analytics.partition.PartitionedTable;
import com.aifinance.analytics.reporting.ReportRanges;
import com.aifinance.common.testsupport.TestInfrastructure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole report: MRR movements and churn of 24 months for 100,000 subscribers, read from PostgreSQL (the
 * service's own tables, through the read-replica route) and computed, as {@code GET /api/analytics/mrr} does minus
 * HTTP. Starts the service against an embedded PostgreSQL 17 and seeds it with {@link SyntheticBusiness}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx384m"})
public class MrrReportBenchmark {

    ConfigurableApplicationContext context;
    SaasMetrics metrics;
    ReportRanges.MonthRange range = new ReportRanges.MonthRange(MrrEngineBenchmark.FIRST, MrrEngineBenchmark.LAST);

    @Setup
    public void startAndSeed() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        context = new SpringApplicationBuilder(AnalyticsApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + infrastructure.jdbcUrl(),
                        "--spring.datasource.username=" + infrastructure.databaseUsername(),
                        "--spring.datasource.password=" + infrastructure.databasePassword(),
                        "--spring.data.redis.url=" + infrastructure.redisUrl(),
                        "--aifa.events.enabled=false",
                        "--aifa.analytics.metrics.initial-delay=1h",
                        "--logging.level.root=WARN");
        metrics = context.getBean(SaasMetrics.class);
        seed(context);
    }

    @TearDown
    public void stop() {
        context.close();
    }

    @Benchmark
    public MrrReport movementsOf24MonthsFromTheDatabase() {
        return metrics.movements(range, "USD", null);
    }

    private static void seed(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean("primaryDataSource", DataSource.class));
        MonthlyPartitions partitions = context.getBean(MonthlyPartitions.class);
        YearMonth first = MrrEngineBenchmark.FIRST.minusMonths(12);
        for (YearMonth m = first; !m.isAfter(MrrEngineBenchmark.LAST.plusMonths(1)); m = m.plusMonths(1)) {
            partitions.ensure(PartitionedTable.SUBSCRIPTION_EVENTS, m);
            partitions.ensure(PartitionedTable.MRR_FACTS, m);
        }
        jdbc.update("truncate subscription_events, mrr_facts, customers, revenue_streams");
        List<SyntheticBusiness.Event> events = SyntheticBusiness.generate(100_000, first, MrrEngineBenchmark.LAST, 42);
        List<Object[]> facts = new ArrayList<>(10_000);
        List<Object[]> rows = new ArrayList<>(10_000);
        java.util.Map<Integer, String> customers = new java.util.TreeMap<>();
        java.util.Map<Integer, String> streams = new java.util.TreeMap<>();
        for (SyntheticBusiness.Event e : events) {
            customers.putIfAbsent(e.customerKey(), e.customer());
            streams.putIfAbsent(e.streamKey(), e.subscription());
            Timestamp at = Timestamp.from(e.at());
            rows.add(new Object[] {e.seq(), "bench-" + e.seq(), "subscription.activated", at, e.subscription(),
                    e.customer(), e.customer(), e.status(), e.tier(), e.interval(), e.currency(), e.amountMinor()});
            facts.add(new Object[] {at, e.seq(), e.customerKey(), e.streamKey(),
                    MonthlyValue.ofSubscription(e.status(), e.interval(), e.amountMinor()), e.currency(), e.tier(),
                    MonthlyValue.countsAsActive(e.status())});
            if (rows.size() == 10_000) {
                insert(jdbc, rows, facts);
            }
        }
        insert(jdbc, rows, facts);
        jdbc.batchUpdate("insert into customers (customer_key, customer_id) values (?, ?)", customers.entrySet().stream()
                .map(c -> new Object[] {c.getKey(), c.getValue()}).toList());
        jdbc.batchUpdate("insert into revenue_streams (stream_key, kind, source_id) values (?, 's', ?)",
                streams.entrySet().stream().map(s -> new Object[] {s.getKey(), s.getValue()}).toList());
        jdbc.update("analyze subscription_events");
        jdbc.update("analyze mrr_facts");
        MrrEngineBenchmark.monthEndRates(first, MrrEngineBenchmark.LAST).forEach((day, rate) -> jdbc.update(
                "insert into exchange_rates (rate_date, currency, usd_per_unit, source) values (?, 'INR', ?, 'bench') "
                        + "on conflict do nothing", java.sql.Date.valueOf(day), rate));
        System.out.printf("%nseeded %d subscription events%n", events.size());
    }

    private static void insert(JdbcTemplate jdbc, List<Object[]> rows, List<Object[]> facts) {
        jdbc.batchUpdate("""
                insert into subscription_events (seq, event_id, event_type, occurred_at, subscription_id, customer_id,
                    user_id, status, tier, billing_interval, currency, amount_minor)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        jdbc.batchUpdate("""
                insert into mrr_facts (at, seq, customer_key, stream_key, mrr_minor, currency, tier, active)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", facts);
        rows.clear();
        facts.clear();
    }
}
