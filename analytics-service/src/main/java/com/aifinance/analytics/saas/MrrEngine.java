package com.aifinance.analytics.saas;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.aifinance.analytics.rates.CurrencyConverter;

/**
 * Computes MRR movements and cohorts from customers' MRR changes. Each customer's MRR is compared at consecutive
 * month starts, converted at the month's rates: from zero to positive is new (first time ever paying) or
 * reactivation; from positive to zero is churn (so churn happens only when the customer's last paid stream ends);
 * up is expansion, down is contraction.
 */
final class MrrEngine {

    private MrrEngine() {
    }

    /**
     * Movements of each month of {@code months}, converted at {@code converters} (one per month).
     *
     * @param tier when not null, only customers whose tier at the month's start (or, for customers who start paying
     *             during the month, at its end) is this one
     */
    static List<MrrMonth> movements(RevenueHistory history, List<YearMonth> months, List<CurrencyConverter> converters,
                                    String tier) {
        long[] boundaries = boundaries(months);
        int periods = months.size();
        String[] currencies = history.currencies().toArray(String[]::new);
        int currencyCount = currencies.length;
        int tierFilter = tier == null ? -2 : history.tiers().indexOf(tier);
        MrrMonth.Movements[] sums = new MrrMonth.Movements[periods];
        for (int p = 0; p < periods; p++) {
            sums[p] = new MrrMonth.Movements();
        }
        CustomerTimeline timeline = new CustomerTimeline(boundaries, currencyCount);
        for (RevenueHistory.Customer customer : history.customers()) {
            timeline.replay(customer.changes());
            if (!timeline.everPaid()) {
                continue;
            }
            for (int p = 0; p < periods; p++) {
                boolean payingAtStart = timeline.payingAt[p];
                boolean payingAtEnd = timeline.payingAt[p + 1];
                if (!payingAtStart && !payingAtEnd) {
                    continue;
                }
                if (tierFilter != -2 && (payingAtStart ? timeline.tierAt[p] : timeline.tierAt[p + 1]) != tierFilter) {
                    continue;
                }
                CurrencyConverter converter = converters.get(p);
                long start = payingAtStart ? value(timeline.mrr, p, currencyCount, currencies, converter) : 0;
                long end = payingAtEnd ? value(timeline.mrr, p + 1, currencyCount, currencies, converter) : 0;
                MrrMonth.Movements m = sums[p];
                m.opening += start;
                m.closing += end;
                if (payingAtStart) {
                    m.customersAtStart++;
                }
                if (payingAtEnd) {
                    m.customersAtEnd++;
                }
                if (!payingAtStart) {
                    if (timeline.firstPaidAtMicros < boundaries[p]) {
                        m.reactivation += end;
                        m.reactivatedCustomers++;
                    } else {
                        m.newMrr += end;
                        m.newCustomers++;
                    }
                } else if (!payingAtEnd) {
                    m.churned += start;
                    m.churnedCustomers++;
                } else if (end > start) {
                    m.expansion += end - start;
                } else if (end < start) {
                    m.contraction += start - end;
                }
            }
        }
        List<MrrMonth> result = new ArrayList<>(periods);
        for (int p = 0; p < periods; p++) {
            result.add(MrrMonth.of(months.get(p), converters.get(p).date(), sums[p]));
        }
        return result;
    }

    /**
     * Cohorts of customers who first paid in one of {@code months}, followed to the end of the last month, all money
     * converted by {@code converter}.
     */
    static List<Cohort> cohorts(RevenueHistory history, List<YearMonth> months, CurrencyConverter converter) {
        long[] boundaries = boundaries(months);
        int periods = months.size();
        String[] currencies = history.currencies().toArray(String[]::new);
        int currencyCount = currencies.length;
        int[] size = new int[periods];
        long[] startingMrr = new long[periods];
        int[][] retained = new int[periods][periods];
        long[][] retainedMrr = new long[periods][periods];
        CustomerTimeline timeline = new CustomerTimeline(boundaries, currencyCount);
        for (RevenueHistory.Customer customer : history.customers()) {
            timeline.replay(customer.changes());
            if (!timeline.everPaid() || timeline.firstPaidAtMicros < boundaries[0]
                    || timeline.firstPaidAtMicros >= boundaries[periods]) {
                continue;
            }
            int cohort = monthIndex(boundaries, timeline.firstPaidAtMicros);
            size[cohort]++;
            startingMrr[cohort] += value(timeline.firstPaidMrr, 0, currencyCount, currencies, converter);
            for (int month = cohort; month < periods; month++) {
                if (timeline.payingAt[month + 1]) {
                    retained[cohort][month]++;
                    retainedMrr[cohort][month] += value(timeline.mrr, month + 1, currencyCount, currencies, converter);
                }
            }
        }
        List<Cohort> result = new ArrayList<>();
        for (int cohort = 0; cohort < periods; cohort++) {
            List<Cohort.Retention> retention = new ArrayList<>();
            for (int month = cohort; month < periods; month++) {
                retention.add(new Cohort.Retention(month - cohort, months.get(month), retained[cohort][month],
                        retainedMrr[cohort][month], MrrMonth.percent(retained[cohort][month], size[cohort]),
                        MrrMonth.percent(retainedMrr[cohort][month], startingMrr[cohort])));
            }
            result.add(new Cohort(months.get(cohort), size[cohort], startingMrr[cohort], retention));
        }
        return result;
    }

    /** A customer's MRR at a boundary in the converter's currency: each currency converted, then added. */
    private static long value(long[] mrr, int boundary, int currencyCount, String[] currencies,
                              CurrencyConverter converter) {
        long total = 0;
        int offset = boundary * currencyCount;
        for (int c = 0; c < currencyCount; c++) {
            long amount = mrr[offset + c];
            if (amount != 0) {
                total += converter.convert(amount, currencies[c]);
            }
        }
        return total;
    }

    /** The start of each month and the end of the last, in microseconds since the epoch. */
    static long[] boundaries(List<YearMonth> months) {
        long[] boundaries = new long[months.size() + 1];
        for (int i = 0; i < months.size(); i++) {
            boundaries[i] = micros(months.get(i).atDay(1));
        }
        boundaries[months.size()] = micros(months.getLast().plusMonths(1).atDay(1));
        return boundaries;
    }

    private static long micros(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }

    private static int monthIndex(long[] boundaries, long micros) {
        int index = 0;
        while (index + 1 < boundaries.length - 1 && boundaries[index + 1] <= micros) {
            index++;
        }
        return index;
    }
}
