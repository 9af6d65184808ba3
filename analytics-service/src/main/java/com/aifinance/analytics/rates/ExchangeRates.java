package com.aifinance.analytics.rates;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily exchange rates of the {@code exchange_rates} table (US dollars per unit of each currency): loaded by ops,
 * applied by every report that adds money of several currencies. A day uses the latest rate stored on or before it;
 * a rate older than {@code aifa.analytics.rates.max-age-days} is refused rather than silently applied.
 */
@Component
public class ExchangeRates {

    public static final String BASE = "USD";
    public static final URI RATE_MISSING = ProblemTypes.of("exchange-rate-missing");

    private final JdbcClient jdbc;
    private final int maxAgeDays;

    ExchangeRates(JdbcClient jdbc, @Value("${aifa.analytics.rates.max-age-days:7}") int maxAgeDays) {
        this.jdbc = jdbc;
        this.maxAgeDays = maxAgeDays;
    }

    /** Rates for converting {@code currencies} into {@code target} on any day up to {@code lastDay}. */
    @Transactional(readOnly = true)
    public RateBook book(Collection<String> currencies, String target, LocalDate lastDay) {
        Set<String> needed = new HashSet<>(currencies);
        needed.add(target);
        needed.remove(BASE);
        Map<String, NavigableMap<LocalDate, BigDecimal>> byCurrency = new HashMap<>();
        for (String currency : needed) {
            byCurrency.put(currency, new TreeMap<>());
        }
        if (!needed.isEmpty()) {
            jdbc.sql("""
                            select currency, rate_date, usd_per_unit from exchange_rates
                            where currency in (:currencies) and rate_date <= :lastDay""")
                    .param("currencies", List.copyOf(needed))
                    .param("lastDay", Date.valueOf(lastDay))
                    .query(rs -> {
                        byCurrency.get(rs.getString(1).trim()).put(rs.getDate(2).toLocalDate(), rs.getBigDecimal(3));
                    });
        }
        return new RateBook(target, byCurrency, maxAgeDays);
    }

    /** Stores rates, replacing any of the same day and currency. */
    @Transactional
    public int store(List<StoredRate> rates) {
        for (StoredRate rate : rates) {
            jdbc.sql("""
                            insert into exchange_rates (rate_date, currency, usd_per_unit, source) values (?, ?, ?, ?)
                            on conflict (rate_date, currency) do update
                            set usd_per_unit = excluded.usd_per_unit, source = excluded.source""")
                    .params(Date.valueOf(rate.date()), rate.currency(), rate.usdPerUnit(), rate.source())
                    .update();
        }
        return rates.size();
    }

    @Transactional(readOnly = true)
    public List<StoredRate> list(String currency, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select rate_date, currency, usd_per_unit, source from exchange_rates
                        where (cast(:currency as text) is null or currency = :currency)
                          and rate_date between :from and :to
                        order by rate_date, currency""")
                .param("currency", currency)
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, row) -> new StoredRate(rs.getDate(1).toLocalDate(), rs.getString(2).trim(),
                        rs.getBigDecimal(3), rs.getString(4)))
                .list();
    }

    /** A day's rate of one currency. */
    public record StoredRate(LocalDate date, String currency, BigDecimal usdPerUnit, String source) {
    }

    /** Rates loaded for one report. */
    public static final class RateBook {

        private final String target;
        private final Map<String, NavigableMap<LocalDate, BigDecimal>> rates;
        private final int maxAgeDays;

        RateBook(String target, Map<String, NavigableMap<LocalDate, BigDecimal>> rates, int maxAgeDays) {
            this.target = target;
            this.rates = rates;
            this.maxAgeDays = maxAgeDays;
        }

        /** A book of given rates (US dollars per unit, by currency and day), for computations outside a report. */
        public static RateBook of(String target, Map<String, NavigableMap<LocalDate, BigDecimal>> rates, int maxAgeDays) {
            return new RateBook(target, Map.copyOf(rates), maxAgeDays);
        }

        /** A converter into the target currency at the rates of {@code day}. */
        public CurrencyConverter on(LocalDate day) {
            return new CurrencyConverter(target, day, currency -> rate(currency, day));
        }

        private CurrencyConverter.Rate rate(String currency, LocalDate day) {
            if (BASE.equals(currency)) {
                return new CurrencyConverter.Rate(day, BigDecimal.ONE);
            }
            NavigableMap<LocalDate, BigDecimal> known = rates.get(currency);
            Map.Entry<LocalDate, BigDecimal> latest = known == null ? null : known.floorEntry(day);
            if (latest == null || latest.getKey().isBefore(day.minusDays(maxAgeDays))) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, RATE_MISSING, "Exchange rate missing",
                        "No " + currency + " rate within " + maxAgeDays + " days before " + day
                                + (latest == null ? "" : " (the latest is of " + latest.getKey() + ")")
                                + "; load rates with PUT /api/analytics/exchange-rates.",
                        Map.of("currency", currency, "date", day.toString()));
            }
            return new CurrencyConverter.Rate(latest.getKey(), latest.getValue());
        }
    }
}
