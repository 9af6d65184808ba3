package com.aifinance.analytics.saas;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.aifinance.analytics.rates.CurrencyConverter;
import com.aifinance.analytics.rates.ExchangeRates;
import com.aifinance.analytics.reporting.ReportRanges.MonthRange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The SaaS metrics: MRR movements per month, cohorts and the current MRR, each computed from the revenue history
 * read from the replica. Definitions and formulas: docs/analytics.md.
 */
@Component
public class SaasMetrics {

    private final RevenueHistoryLoader loader;
    private final ExchangeRates rates;
    private final Clock clock;
    private final Timer computation;

    SaasMetrics(RevenueHistoryLoader loader, ExchangeRates rates, Clock clock, MeterRegistry meters) {
        this.loader = loader;
        this.rates = rates;
        this.clock = clock;
        this.computation = Timer.builder("analytics.saas.computation")
                .description("Time to load the revenue history and compute a SaaS report")
                .register(meters);
    }

    /** MRR movements of each month of {@code range}, in {@code currency}, optionally for one tier's customers. */
    public MrrReport movements(MonthRange range, String currency, String tier) {
        return computation.record(() -> {
            RevenueHistory history = loader.load(endOf(range));
            List<YearMonth> months = range.months();
            ExchangeRates.RateBook book = rates.book(history.currencies(), currency, rateDay(range.to()));
            List<CurrencyConverter> converters = months.stream().map(month -> book.on(rateDay(month))).toList();
            return new MrrReport(range.from(), range.to(), currency, tier,
                    MrrEngine.movements(history, months, converters, tier));
        });
    }

    /** Cohorts of the customers who first paid in each month of {@code range}, followed to its end. */
    public CohortReport cohorts(MonthRange range, String currency) {
        return computation.record(() -> {
            RevenueHistory history = loader.load(endOf(range));
            LocalDate rateDay = rateDay(range.to());
            CurrencyConverter converter = rates.book(history.currencies(), currency, rateDay).on(rateDay);
            return new CohortReport(range.from(), range.to(), currency, rateDay,
                    MrrEngine.cohorts(history, range.months(), converter));
        });
    }

    /** MRR now, by tier and currency, with the active subscriptions and the paying customers. */
    public CurrentMrr current(String currency) {
        return computation.record(() -> {
            Instant now = clock.instant();
            RevenueHistory history = loader.load(now);
            LocalDate today = LocalDate.now(clock);
            CurrencyConverter converter = rates.book(history.currencies(), currency, today).on(today);
            return snapshot(history, converter, now);
        });
    }

    /**
     * Movements of the last complete month for each tier, in {@code currency}, for the business gauges. Without the
     * month's exchange rates the customer counts are still right, so they are computed anyway and the money figures
     * are dropped ({@link TierMonth#moneyKnown()} false).
     */
    Map<String, TierMonth> lastCompleteMonthByTier(String currency) {
        YearMonth month = YearMonth.now(clock).minusMonths(1);
        RevenueHistory history = loader.load(endOf(new MonthRange(month, month)));
        CurrencyConverter converter;
        boolean moneyKnown = true;
        try {
            converter = rates.book(history.currencies(), currency, rateDay(month)).on(rateDay(month));
            for (String code : history.currencies()) {
                converter.convert(1, code); // fails now, not halfway, when a rate is missing
            }
        } catch (com.aifinance.common.web.ApiProblem missingRate) {
            converter = CurrencyConverter.countingOnly(rateDay(month));
            moneyKnown = false;
        }
        Map<String, TierMonth> byTier = new TreeMap<>();
        for (String tier : history.tiers()) {
            byTier.put(tier, new TierMonth(
                    MrrEngine.movements(history, List.of(month), List.of(converter), tier).getFirst(), moneyKnown));
        }
        return byTier;
    }

    /** Active (or past-due) subscriptions and running contracts per tier now; needs no exchange rate. */
    Map<String, Integer> activeSubscriptionsByTier() {
        RevenueHistory history = loader.load(clock.instant());
        Map<String, Integer> active = new TreeMap<>();
        for (RevenueHistory.Customer customer : history.customers()) {
            Map<Integer, MrrChange> latest = new HashMap<>();
            for (MrrChange change : customer.changes()) {
                latest.put(change.stream(), change);
            }
            for (MrrChange state : latest.values()) {
                active.merge(history.tiers().get(state.tier()), state.active() ? 1 : 0, Integer::sum);
            }
        }
        return active;
    }

    /** One tier's last complete month; its money figures are meaningless unless {@code moneyKnown}. */
    record TierMonth(MrrMonth month, boolean moneyKnown) {
    }

    static CurrentMrr snapshot(RevenueHistory history, CurrencyConverter converter, Instant asOf) {
        Map<String, Map<String, long[]>> byTierAndCurrency = new TreeMap<>();
        long total = 0;
        int paying = 0;
        for (RevenueHistory.Customer customer : history.customers()) {
            Map<Integer, MrrChange> latest = new HashMap<>();
            for (MrrChange change : customer.changes()) {
                latest.put(change.stream(), change);
            }
            Map<String, Long> customerByCurrency = new HashMap<>();
            for (MrrChange state : latest.values()) {
                String tier = history.tiers().get(state.tier());
                String currencyCode = history.currencies().get(state.currency());
                long[] cell = byTierAndCurrency.computeIfAbsent(tier, t -> new TreeMap<>())
                        .computeIfAbsent(currencyCode, c -> new long[2]);
                cell[0] += state.mrrMinor();
                cell[1] += state.active() ? 1 : 0;
                customerByCurrency.merge(currencyCode, state.mrrMinor(), Long::sum);
            }
            long customerTotal = 0;
            boolean payingNow = false;
            for (Map.Entry<String, Long> entry : customerByCurrency.entrySet()) {
                payingNow |= entry.getValue() > 0;
                customerTotal += converter.convert(entry.getValue(), entry.getKey());
            }
            if (payingNow) {
                paying++;
                total += customerTotal;
            }
        }
        List<CurrentMrr.Line> lines = new ArrayList<>();
        byTierAndCurrency.forEach((tier, currencies) -> currencies.forEach((currencyCode, cell) -> {
            if (cell[0] != 0 || cell[1] != 0) {
                lines.add(new CurrentMrr.Line(tier, currencyCode, cell[0], converter.convert(cell[0], currencyCode),
                        (int) cell[1]));
            }
        }));
        lines.sort(Comparator.comparing(CurrentMrr.Line::tier).thenComparing(CurrentMrr.Line::currency));
        return new CurrentMrr(asOf, converter.target(), converter.date(), total, total * 12, paying, lines);
    }

    /** The instant after the range (or now, for a range that ends in the current month). */
    private Instant endOf(MonthRange range) {
        Instant end = range.to().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = clock.instant();
        return end.isAfter(now) ? now : end;
    }

    /** A month's figures use the rates of its last day, or of today for the current month. */
    private LocalDate rateDay(YearMonth month) {
        LocalDate last = month.atEndOfMonth();
        LocalDate today = LocalDate.now(clock);
        return last.isAfter(today) ? today : last;
    }
}
