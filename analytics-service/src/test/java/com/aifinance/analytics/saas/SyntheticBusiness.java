package com.aifinance.analytics.saas;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible synthetic customer base for the benchmarks: subscribers starting between {@code firstMonth} and
 * the end of the window (some with a trial), in USD or INR, on monthly or annual Basic and Pro plans, who upgrade,
 * downgrade, churn and come back month after month; a few hold a second subscription.
 */
final class SyntheticBusiness {

    record Event(int customerKey, int streamKey, Instant at, long seq, String status, String interval,
                 long amountMinor, String currency, String tier) {

        String customer() {
            return "cust-" + customerKey;
        }

        String subscription() {
            return "sub-" + streamKey;
        }
    }

    private SyntheticBusiness() {
    }

    static List<Event> generate(int subscribers, YearMonth firstMonth, YearMonth lastMonth, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Event> events = new ArrayList<>(subscribers * 4);
        int months = (int) java.time.temporal.ChronoUnit.MONTHS.between(firstMonth, lastMonth) + 1;
        long seq = 1;
        int streamKey = 0;
        for (int customer = 1; customer <= subscribers; customer++) {
            int streams = random.nextInt(100) < 5 ? 2 : 1;
            for (int s = 0; s < streams; s++) {
                int subscription = ++streamKey;
                boolean inr = random.nextInt(100) < 20;
                String currency = inr ? "INR" : "USD";
                boolean pro = random.nextInt(100) < 30;
                boolean annual = random.nextInt(100) < 15;
                int month = random.nextInt(months);
                long at = instant(firstMonth.plusMonths(month), random);
                if (random.nextInt(100) < 15) {
                    events.add(event(customer, subscription, at, seq++, "trialing", pro, annual, inr));
                    at += 14L * 86_400;
                }
                String status = "active";
                events.add(event(customer, subscription, at, seq++, status, pro, annual, inr));
                for (int m = month + 1; m < months; m++) {
                    int roll = random.nextInt(1000);
                    long when = instant(firstMonth.plusMonths(m), random);
                    if (status.equals("canceled")) {
                        if (roll < 40) {
                            status = "active";
                            events.add(event(customer, subscription, when, seq++, status, pro, annual, inr));
                        }
                    } else if (roll < 30) {
                        status = "canceled";
                        events.add(event(customer, subscription, when, seq++, status, pro, annual, inr));
                    } else if (roll < 50 && !pro) {
                        pro = true;
                        events.add(event(customer, subscription, when, seq++, status, pro, annual, inr));
                    } else if (roll < 65 && pro) {
                        pro = false;
                        events.add(event(customer, subscription, when, seq++, status, pro, annual, inr));
                    } else if (roll < 75) {
                        events.add(event(customer, subscription, when, seq++, "past_due", pro, annual, inr));
                        events.add(event(customer, subscription, when + 3L * 86_400, seq++, status, pro, annual, inr));
                    }
                }
            }
        }
        return events;
    }

    private static Event event(int customer, int subscription, long epochSecond, long seq, String status,
                               boolean pro, boolean annual, boolean inr) {
        long monthly = inr ? (pro ? 4_199_900 : 829_900) : (pro ? 50_000 : 9_900);
        long amount = annual ? monthly * 10 : monthly;
        return new Event(customer, subscription, Instant.ofEpochSecond(epochSecond), seq, status,
                annual ? "year" : "month", amount, inr ? "INR" : "USD", pro ? "pro" : "basic");
    }

    private static long instant(YearMonth month, SplittableRandom random) {
        return month.atDay(1 + random.nextInt(month.lengthOfMonth())).atStartOfDay(ZoneOffset.UTC).toEpochSecond()
                + random.nextInt(86_400);
    }
}
