package com.aifinance.institutional.accuracy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.trading.Outcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Accuracy per asset class, model version and data kind (real or simulated) over a period, for live signals or for
 * walk-forward backtests: two sources that are never mixed in one figure.
 */
@Component
public class AccuracyReports {

    public enum Mode { LIVE, BACKTEST }

    /** Which trades to count. Null filters mean "all". */
    public record Query(Mode mode, AssetClass assetClass, String modelVersion, Boolean simulated, Instant from,
                        Instant to) {
    }

    /** One group's figures. */
    public record Group(Mode mode, AssetClass assetClass, String modelVersion, boolean simulated, Instant from,
                        Instant to, TradeStatistics statistics) {
    }

    private final JdbcClient jdbc;

    AccuracyReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Group> report(Query query) {
        String table = query.mode() == Mode.LIVE ? "signals" : "backtest_trades";
        String version = query.mode() == Mode.LIVE ? "model_version" : "version";
        String resolvedAt = query.mode() == Mode.LIVE ? "resolved_at" : "exit_at";
        StringBuilder sql = new StringBuilder("select asset_class, " + version + ", simulated, outcome, return_pct, "
                + resolvedAt + " from " + table + " where outcome is not null");
        List<Object> params = new ArrayList<>();
        if (query.assetClass() != null) {
            sql.append(" and asset_class = ?");
            params.add(query.assetClass().code());
        }
        if (query.modelVersion() != null) {
            sql.append(" and ").append(version).append(" = ?");
            params.add(query.modelVersion());
        }
        if (query.simulated() != null) {
            sql.append(" and simulated = ?");
            params.add(query.simulated());
        }
        if (query.from() != null) {
            sql.append(" and ").append(resolvedAt).append(" >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and ").append(resolvedAt).append(" < ?");
            params.add(Timestamp.from(query.to()));
        }
        sql.append(" order by asset_class, simulated, ").append(version).append(", ").append(resolvedAt);
        record Row(String assetClass, String version, boolean simulated, Outcome outcome, java.math.BigDecimal returnPct,
                   Instant at) {
        }
        List<Row> rows = jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3), Outcome.of(rs.getString(4)),
                        rs.getBigDecimal(5), rs.getTimestamp(6).toInstant()))
                .list();
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(row.assetClass() + "|" + row.simulated() + "|" + row.version(),
                    key -> new ArrayList<>()).add(row);
        }
        List<Group> result = new ArrayList<>();
        for (List<Row> group : groups.values()) {
            Row first = group.getFirst();
            result.add(new Group(query.mode(), AssetClass.of(first.assetClass()), first.version(), first.simulated(),
                    query.from() != null ? query.from() : first.at(),
                    query.to() != null ? query.to() : group.getLast().at(),
                    TradeStatistics.of(group.stream()
                            .map(row -> new TradeStatistics.Trade(row.outcome(), row.returnPct())).toList())));
        }
        return result;
    }

    /** One figure over every model version of a slice (used by the gauge): live signals resolved in the period. */
    public TradeStatistics live(AssetClass assetClass, boolean simulated, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("""
                select outcome, return_pct from signals
                where status = 'resolved' and simulated = ? and resolved_at >= ? and resolved_at < ?""");
        List<Object> params = new ArrayList<>(List.of(simulated, Timestamp.from(from), Timestamp.from(to)));
        if (assetClass != null) {
            sql.append(" and asset_class = ?");
            params.add(assetClass.code());
        }
        sql.append(" order by resolved_at");
        return TradeStatistics.of(jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new TradeStatistics.Trade(Outcome.of(rs.getString(1)), rs.getBigDecimal(2))).list());
    }
}
