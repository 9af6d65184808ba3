package com.aifinance.analytics.saas;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads every MRR change and institutional contract up to an instant (from the read replica) and groups them by
 * customer. Subscription changes come from the narrow {@code mrr_facts} rows through a cursor, so memory holds the
 * compact changes only; contracts (few) are turned into changes here.
 */
@Component
class RevenueHistoryLoader {

    static final String INSTITUTIONAL = "institutional";

    private final JdbcTemplate jdbc;

    RevenueHistoryLoader(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(20_000);
    }

    @Transactional(readOnly = true)
    public RevenueHistory load(Instant until) {
        Builder builder = new Builder(until);
        jdbc.query("""
                        select customer_key, stream_key, (extract(epoch from at) * 1000000)::bigint, seq, mrr_minor,
                               currency, tier, active
                        from mrr_facts where at < ?""",
                rs -> {
                    builder.add(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getString(6), rs.getString(7), rs.getBoolean(8));
                },
                Timestamp.from(until));
        List<ContractEvent> contracts = jdbc.query("""
                        select customer_key, stream_key, event_type, annual_value_minor, currency, start_date, end_date
                        from contract_events where occurred_at < ? order by occurred_at, event_id""",
                (rs, row) -> new ContractEvent(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getDate(6).toLocalDate(), rs.getDate(7).toLocalDate()),
                Timestamp.from(until));
        ContractSegments.of(contracts).forEach(segment -> segment.emit(builder, until));
        return builder.build();
    }

    record ContractEvent(int customerKey, int streamKey, String type, long annualValueMinor, String currency,
                         LocalDate startDate, LocalDate endDate) {
    }

    /**
     * A contract's revenue over time. A renewal replaces the contract's terms from its start date on; an expiry ends
     * it after its end date (earlier than planned, when terminated early).
     */
    record ContractSegments(int customerKey, int streamKey, List<Segment> segments) {

        record Segment(LocalDate start, LocalDate endExclusive, long mrrMinor, String currency) {
        }

        static List<ContractSegments> of(List<ContractEvent> events) {
            Map<Integer, ContractSegments> byContract = new HashMap<>();
            for (ContractEvent event : events) {
                ContractSegments contract = byContract.computeIfAbsent(event.streamKey(),
                        key -> new ContractSegments(event.customerKey(), key, new ArrayList<>()));
                LocalDate end = event.endDate().plusDays(1);
                if ("contract.expired".equals(event.type())) {
                    contract.cutAt(end);
                } else {
                    contract.cutAt(event.startDate());
                    contract.segments().add(new Segment(event.startDate(), end,
                            MonthlyValue.ofContract(event.annualValueMinor()), event.currency()));
                }
            }
            return List.copyOf(byContract.values());
        }

        private void cutAt(LocalDate day) {
            segments.removeIf(segment -> !segment.start().isBefore(day));
            segments.replaceAll(segment -> segment.endExclusive().isAfter(day)
                    ? new Segment(segment.start(), day, segment.mrrMinor(), segment.currency()) : segment);
        }

        void emit(Builder builder, Instant until) {
            long seq = Long.MAX_VALUE / 2;
            long limit = micros(until);
            for (Segment segment : segments) {
                long start = micros(segment.start());
                long end = micros(segment.endExclusive());
                if (start < limit) {
                    builder.add(customerKey, streamKey, start, seq++, segment.mrrMinor(), segment.currency(),
                            INSTITUTIONAL, true);
                }
                if (end < limit) {
                    builder.add(customerKey, streamKey, end, seq++, 0, segment.currency(), INSTITUTIONAL, false);
                }
            }
        }

        private static long micros(LocalDate day) {
            return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
        }

        private static long micros(Instant instant) {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        }
    }

    /**
     * Collects changes per customer key ({@code customers.customer_key}; streams are {@code revenue_streams} keys,
     * one key space for subscriptions and contracts); currencies and tiers are numbered as met.
     */
    static final class Builder {

        private final Instant asOf;
        private final Map<String, Integer> currencies = new HashMap<>();
        private final Map<String, Integer> tiers = new HashMap<>();
        private final List<List<MrrChange>> customers = new ArrayList<>();
        private String lastCurrency;
        private int lastCurrencyNumber;
        private String lastTier;
        private int lastTierNumber;

        Builder(Instant asOf) {
            this.asOf = asOf;
        }

        void add(int customer, int stream, long atMicros, long seq, long mrrMinor, String currency, String tier,
                 boolean active) {
            if (customer < 0) {
                throw new IllegalArgumentException("customer key " + customer);
            }
            while (customers.size() <= customer) {
                customers.add(null);
            }
            List<MrrChange> changes = customers.get(customer);
            if (changes == null) {
                changes = new ArrayList<>(4);
                customers.set(customer, changes);
            }
            changes.add(new MrrChange(atMicros, seq, stream, mrrMinor, currencyNumber(currency),
                    tierNumber(tier), active));
        }

        private int currencyNumber(String currency) {
            if (!currency.equals(lastCurrency)) {
                lastCurrency = currency;
                lastCurrencyNumber = currencies.computeIfAbsent(currency.trim(), key -> currencies.size());
            }
            return lastCurrencyNumber;
        }

        private int tierNumber(String tier) {
            if (!tier.equals(lastTier)) {
                lastTier = tier;
                lastTierNumber = tiers.computeIfAbsent(tier, key -> tiers.size());
            }
            return lastTierNumber;
        }

        RevenueHistory build() {
            List<RevenueHistory.Customer> result = new ArrayList<>();
            for (int key = 0; key < customers.size(); key++) {
                List<MrrChange> changes = customers.get(key);
                if (changes != null) {
                    MrrChange[] sorted = changes.toArray(MrrChange[]::new);
                    Arrays.sort(sorted);
                    result.add(new RevenueHistory.Customer(key, sorted));
                }
            }
            return new RevenueHistory(asOf, names(currencies), names(tiers), result);
        }

        private static List<String> names(Map<String, Integer> numbering) {
            String[] names = new String[numbering.size()];
            numbering.forEach((name, number) -> names[number] = name);
            return List.of(names);
        }
    }
}
