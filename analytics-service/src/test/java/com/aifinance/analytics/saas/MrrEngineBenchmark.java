package com.aifinance.analytics.saas;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.aifinance.analytics.rates.CurrencyConverter;
import com.aifinance.analytics.rates.ExchangeRates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MRR movements and churn of 24 months for 100,000 subscribers, from revenue history already in memory: the
 * computation alone. {@link MrrReportBenchmark} measures the same from the database. Run as docs/analytics.md says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx384m"})
public class MrrEngineBenchmark {

    static final YearMonth FIRST = YearMonth.of(2024, 1);
    static final YearMonth LAST = YearMonth.of(2025, 12);

    RevenueHistory history;
    List<YearMonth> months;
    ExchangeRates.RateBook rates;

    @Setup
    public void generate() {
        RevenueHistoryLoader.Builder builder = new RevenueHistoryLoader.Builder(
                LAST.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        for (SyntheticBusiness.Event e : SyntheticBusiness.generate(100_000, FIRST.minusMonths(12), LAST, 42)) {
            builder.add(e.customerKey(), e.streamKey(), e.at().getEpochSecond() * 1_000_000L, e.seq(),
                    MonthlyValue.ofSubscription(e.status(), e.interval(), e.amountMinor()), e.currency(), e.tier(),
                    MonthlyValue.countsAsActive(e.status()));
        }
        history = builder.build();
        months = new java.util.ArrayList<>();
        for (YearMonth m = FIRST; !m.isAfter(LAST); m = m.plusMonths(1)) {
            months.add(m);
        }
        rates = ExchangeRates.RateBook.of("USD", Map.of("INR", monthEndRates(FIRST, LAST)), 7);
        System.out.printf("%n%d customers, %d MRR changes%n", history.customers().size(), history.changeCount());
    }

    @Benchmark
    public List<MrrMonth> movementsOf24Months() {
        List<CurrencyConverter> converters = months.stream().map(m -> rates.on(m.atEndOfMonth())).toList();
        return MrrEngine.movements(history, months, converters, null);
    }

    static NavigableMap<LocalDate, BigDecimal> monthEndRates(YearMonth first, YearMonth last) {
        NavigableMap<LocalDate, BigDecimal> inr = new TreeMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            inr.put(m.atEndOfMonth(), new BigDecimal("0.0120").add(new BigDecimal(m.getMonthValue()).movePointLeft(5)));
        }
        return inr;
    }
}
