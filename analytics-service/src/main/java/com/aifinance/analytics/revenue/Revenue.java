package com.aifinance.analytics.revenue;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.aifinance.analytics.rates.CurrencyConverter;
import com.aifinance.analytics.rates.ExchangeRates;
import com.aifinance.analytics.reporting.ReportRanges.DayRange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revenue collected: successful payments plus paid invoices that no payment already covers (bank-transfer invoices
 * of contracts), minus refunds. A refund counts on the day it is issued, under its payment's tier. Amounts are
 * summed per day, tier and currency, and each day's sum is converted at that day's rate.
 */
@Component
public class Revenue {

    /** What revenue of unknown tier is reported as (a payment event without a tier). */
    static final String UNKNOWN_TIER = "unknown";

    private final JdbcClient jdbc;
    private final ExchangeRates rates;

    Revenue(JdbcClient jdbc, ExchangeRates rates) {
        this.jdbc = jdbc;
        this.rates = rates;
    }

    @Transactional(readOnly = true)
    public RevenueReport report(DayRange range, String currency) {
        Timestamp from = Timestamp.from(range.from().atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(range.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        List<DayAmount> days = jdbc.sql("""
                        select day, tier, currency, sum(gross) as gross, sum(refunded) as refunded from (
                            select (paid_at at time zone 'UTC')::date as day, coalesce(tier, :unknown) as tier,
                                   currency, amount_minor as gross, 0 as refunded
                            from payments where paid_at >= :from and paid_at < :to
                            union all
                            select (i.paid_at at time zone 'UTC')::date, case when i.contract_id is not null
                                   then 'institutional' else :unknown end, i.currency, i.amount_minor, 0
                            from invoice_payments i
                            where i.paid_at >= :from and i.paid_at < :to
                              and not exists (select 1 from payments p where p.invoice_id = i.invoice_id)
                            union all
                            select (r.issued_at at time zone 'UTC')::date,
                                   coalesce((select p.tier from payments p where p.payment_id = r.payment_id limit 1),
                                            :unknown),
                                   r.currency, 0, r.amount_minor
                            from refunds r where r.issued_at >= :from and r.issued_at < :to
                        ) amounts
                        group by day, tier, currency
                        order by day, tier, currency""")
                .param("unknown", UNKNOWN_TIER)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> new DayAmount(rs.getDate("day").toLocalDate(), rs.getString("tier"),
                        rs.getString("currency").trim(), rs.getLong("gross"), rs.getLong("refunded")))
                .list();
        Set<String> currencies = new HashSet<>();
        days.forEach(day -> currencies.add(day.currency()));
        ExchangeRates.RateBook book = rates.book(currencies, currency, range.to());
        Map<String, long[]> lines = new TreeMap<>();
        Map<LocalDate, CurrencyConverter> converters = new TreeMap<>();
        for (DayAmount day : days) {
            CurrencyConverter converter = converters.computeIfAbsent(day.day(), book::on);
            long grossConverted = converter.convert(day.gross(), day.currency());
            long refundedConverted = converter.convert(day.refunded(), day.currency());
            long[] line = lines.computeIfAbsent(YearMonth.from(day.day()) + "|" + day.tier() + "|" + day.currency(),
                    key -> new long[4]);
            line[0] += day.gross();
            line[1] += day.refunded();
            line[2] += grossConverted;
            line[3] += refundedConverted;
        }
        List<RevenueReport.Line> result = new ArrayList<>();
        long gross = 0;
        long refunded = 0;
        for (Map.Entry<String, long[]> entry : lines.entrySet()) {
            String[] key = entry.getKey().split("\\|");
            long[] v = entry.getValue();
            result.add(new RevenueReport.Line(YearMonth.parse(key[0]), key[1], key[2], v[0], v[1], v[0] - v[1],
                    v[2], v[3], v[2] - v[3]));
            gross += v[2];
            refunded += v[3];
        }
        return new RevenueReport(range.from(), range.to(), currency, result, gross, refunded, gross - refunded);
    }

    /** Gross revenue ever collected per tier and currency (native minor units), for the revenue counter. */
    @Transactional(readOnly = true)
    public List<Total> totals() {
        return jdbc.sql("""
                        select tier, currency, sum(gross) as gross, sum(refunded) as refunded from (
                            select coalesce(tier, :unknown) as tier, currency, amount_minor as gross, 0 as refunded
                            from payments
                            union all
                            select case when i.contract_id is not null then 'institutional' else :unknown end,
                                   i.currency, i.amount_minor, 0
                            from invoice_payments i
                            where not exists (select 1 from payments p where p.invoice_id = i.invoice_id)
                            union all
                            select coalesce((select p.tier from payments p where p.payment_id = r.payment_id limit 1),
                                            :unknown), r.currency, 0, r.amount_minor
                            from refunds r
                        ) amounts
                        group by tier, currency""")
                .param("unknown", UNKNOWN_TIER)
                .query((rs, row) -> new Total(rs.getString("tier"), rs.getString("currency").trim(),
                        rs.getLong("gross"), rs.getLong("refunded")))
                .list();
    }

    record DayAmount(LocalDate day, String tier, String currency, long gross, long refunded) {
    }

    public record Total(String tier, String currency, long grossMinor, long refundedMinor) {
    }
}
