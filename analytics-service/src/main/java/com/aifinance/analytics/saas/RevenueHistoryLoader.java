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
 * Reads every subscription change and institutional contract up to an instant (from the read replica) and turns
 * them into each customer's MRR changes. Rows stream through a cursor, so memory holds the compact changes only.
 */
@Component
class RevenueHistoryLoader {

    static final String INSTITUTIONAL = "institutional";

    private final JdbcTemplate jdbc;

    RevenueHistoryLoader(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(10_000);
    }

    @Transactional(readOnly = true)
    public RevenueHistory load(Instant until) {
        Builder builder = new Builder(until);
        jdbc.query("""
                        select customer_id, subscription_id, occurred_at, seq, status, billing_interval, amount_minor,
                               currency, tier
                        from subscription_events where occurred_at < ?""",
                rs -> {
                    String status = rs.getString(5);
                    builder.add(rs.getString(1), "s:" + rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getLong(4),
                            MonthlyValue.ofSubscription(status, rs.getString(6), rs.getLong(7)), rs.getString(8),
                            rs.getString(9), MonthlyValue.countsAsActive(status));
                },
                Timestamp.from(until));
        List<ContractEvent> contracts = jdbc.query("""
                        select contract_id, organisation_id, event_type, annual_value_minor, currency, start_date, end_date
                        from contract_events where occurred_at < ? order by occurred_at, event_id""",
                (rs, row) -> new ContractEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getDate(6).toLocalDate(), rs.getDate(7).toLocalDate()),
                Timestamp.from(until));
        ContractSegments.of(contracts).forEach(segment -> segment.emit(builder, until));
        return builder.build();
    }

    record ContractEvent(String contractId, String organisationId, String type, long annualValueMinor,
                         String currency, LocalDate startDate, LocalDate endDate) {
    }

    /**
     * A contract's revenue over time. A renewal replaces the contract's terms from its start date on; an expiry ends
     * it after its end date (earlier than planned, when terminated early).
     */
    record ContractSegments(String contractId, String organisationId, List<Segment> segments) {

        record Segment(LocalDate start, LocalDate endExclusive, long mrrMinor, String currency) {
        }

        static List<ContractSegments> of(List<ContractEvent> events) {
            Map<String, ContractSegments> byContract = new HashMap<>();
            for (ContractEvent event : events) {
                ContractSegments contract = byContract.computeIfAbsent(event.contractId(),
                        id -> new ContractSegments(id, event.organisationId(), new ArrayList<>()));
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
            for (Segment segment : segments) {
                Instant start = segment.start().atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant end = segment.endExclusive().atStartOfDay(ZoneOffset.UTC).toInstant();
                if (start.isBefore(until)) {
                    builder.add(organisationId, "c:" + contractId, start, seq++, segment.mrrMinor(), segment.currency(),
                            INSTITUTIONAL, true);
                }
                if (end.isBefore(until)) {
                    builder.add(organisationId, "c:" + contractId, end, seq++, 0, segment.currency(), INSTITUTIONAL,
                            false);
                }
            }
        }
    }

    /** Collects changes per customer, numbering streams, currencies and tiers. */
    static final class Builder {

        private final Instant asOf;
        private final Map<String, Integer> currencies = new HashMap<>();
        private final Map<String, Integer> tiers = new HashMap<>();
        private final Map<String, Integer> streams = new HashMap<>();
        private final Map<String, List<MrrChange>> customers = new HashMap<>();

        Builder(Instant asOf) {
            this.asOf = asOf;
        }

        void add(String customer, String stream, Instant at, long seq, long mrrMinor, String currency, String tier,
                 boolean active) {
            int streamNumber = streams.computeIfAbsent(stream, key -> streams.size());
            int currencyNumber = currencies.computeIfAbsent(currency.trim(), key -> currencies.size());
            int tierNumber = tiers.computeIfAbsent(tier, key -> tiers.size());
            long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
            customers.computeIfAbsent(customer, key -> new ArrayList<>())
                    .add(new MrrChange(micros, seq, streamNumber, mrrMinor, currencyNumber, tierNumber, active));
        }

        RevenueHistory build() {
            List<RevenueHistory.Customer> result = new ArrayList<>(customers.size());
            customers.forEach((id, changes) -> {
                MrrChange[] sorted = changes.toArray(MrrChange[]::new);
                Arrays.sort(sorted);
                result.add(new RevenueHistory.Customer(id, sorted));
            });
            return new RevenueHistory(asOf, names(currencies), names(tiers), result);
        }

        private static List<String> names(Map<String, Integer> numbering) {
            String[] names = new String[numbering.size()];
            numbering.forEach((name, number) -> names[number] = name);
            return List.of(names);
        }
    }
}
