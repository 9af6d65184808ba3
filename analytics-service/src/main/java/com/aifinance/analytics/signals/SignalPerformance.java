package com.aifinance.analytics.signals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.List;

import com.aifinance.analytics.reporting.ReportRanges.DayRange;
import com.aifinance.analytics.signals.SignalPerformanceReport.Granularity;
import com.aifinance.analytics.signals.SignalPerformanceReport.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Signal performance from the recorded {@code signal.resolved} outcomes, read from the replica. */
@Component
class SignalPerformance {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final JdbcClient jdbc;

    SignalPerformance(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public SignalPerformanceReport report(DayRange range, Granularity granularity, String mode, boolean simulated,
                                          String assetClass, String modelVersion) {
        List<Sums> rows = jdbc.sql("""
                        select cast(date_trunc(:unit, resolved_at at time zone 'UTC') as date) as period,
                               count(*) as resolved,
                               count(*) filter (where outcome = 'target_first') as target_first,
                               count(*) filter (where outcome = 'stop_first') as stop_first,
                               count(*) filter (where outcome = 'horizon') as horizon,
                               count(return_pct) as with_return,
                               count(*) filter (where return_pct > 0) as wins,
                               coalesce(sum(return_pct), 0) as sum_return,
                               coalesce(sum(return_pct) filter (where return_pct > 0), 0) as gross_profit,
                               coalesce(-sum(return_pct) filter (where return_pct < 0), 0) as gross_loss
                        from signal_outcomes
                        where mode = :mode and simulated = :simulated
                          and resolved_at >= :from and resolved_at < :to
                          and (cast(:assetClass as text) is null or asset_class = :assetClass)
                          and (cast(:modelVersion as text) is null or model_version = :modelVersion)
                        group by 1 order by 1""")
                .param("unit", granularity.name())
                .param("mode", mode)
                .param("simulated", simulated)
                .param("from", Timestamp.from(range.from().atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("to", Timestamp.from(range.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("assetClass", assetClass)
                .param("modelVersion", modelVersion)
                .query((rs, row) -> new Sums(rs.getDate("period").toLocalDate(), rs.getLong("resolved"),
                        rs.getLong("target_first"), rs.getLong("stop_first"), rs.getLong("horizon"),
                        rs.getLong("with_return"), rs.getLong("wins"), rs.getBigDecimal("sum_return"),
                        rs.getBigDecimal("gross_profit"), rs.getBigDecimal("gross_loss")))
                .list();
        Sums total = rows.stream().reduce(new Sums(range.from(), 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO), Sums::plus);
        return new SignalPerformanceReport(range.from(), range.to(), granularity, mode, simulated, assetClass,
                modelVersion, rows.stream().map(Sums::period).toList(), total.period());
    }

    record Sums(java.time.LocalDate start, long resolved, long targetFirst, long stopFirst, long horizon,
                long withReturn, long wins, BigDecimal sumReturn, BigDecimal grossProfit, BigDecimal grossLoss) {

        Sums plus(Sums other) {
            return new Sums(start, resolved + other.resolved, targetFirst + other.targetFirst,
                    stopFirst + other.stopFirst, horizon + other.horizon, withReturn + other.withReturn,
                    wins + other.wins, sumReturn.add(other.sumReturn), grossProfit.add(other.grossProfit),
                    grossLoss.add(other.grossLoss));
        }

        Period period() {
            BigDecimal[] interval = WilsonInterval.of(targetFirst, resolved);
            return new Period(start, resolved, targetFirst, stopFirst, horizon, percent(targetFirst, resolved),
                    interval == null ? null : interval[0], interval == null ? null : interval[1], withReturn,
                    percent(wins, withReturn),
                    withReturn == 0 ? null : sumReturn.divide(BigDecimal.valueOf(withReturn), 4, RoundingMode.HALF_UP),
                    grossLoss.signum() == 0 ? null : grossProfit.divide(grossLoss, 4, RoundingMode.HALF_UP));
        }

        private static BigDecimal percent(long part, long whole) {
            return whole == 0 ? null : BigDecimal.valueOf(part).multiply(HUNDRED)
                    .divide(BigDecimal.valueOf(whole), MathContext.DECIMAL64).setScale(2, RoundingMode.HALF_UP);
        }
    }
}
