package com.aifinance.institutional.signals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.trading.Direction;
import com.aifinance.institutional.trading.Outcome;
import com.aifinance.institutional.trading.TripleBarrier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Signals in PostgreSQL. */
@Repository
public class SignalStore {

    /** A page request: filters, and the keyset cursor (the last row of the previous page). */
    public record PageQuery(List<AssetClass> assetClasses, String status, Instant from, Instant to,
                            Instant visibleUntil, Instant afterGeneratedAt, UUID afterId, int limit) {
    }

    private final JdbcClient jdbc;

    SignalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new open signal; false when one is already open for that instrument and direction. */
    boolean insert(Signal signal) {
        return jdbc.sql("""
                        insert into signals (id, symbol, asset_class, direction, entry, target, stop, horizon,
                            horizon_bars, bar_interval, basis_bar_at, expires_at, confidence, model_version,
                            generated_at, simulated, status)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')
                        on conflict do nothing
                        """)
                .params(signal.id(), signal.symbol(), signal.assetClass().code(), signal.direction().code(),
                        signal.entry(), signal.target(), signal.stop(), signal.horizon().toString(),
                        signal.horizonBars(), signal.barInterval(), Timestamp.from(signal.basisBarAt()),
                        Timestamp.from(signal.expiresAt()), signal.confidence(), signal.modelVersion(),
                        Timestamp.from(signal.generatedAt()), signal.simulated())
                .update() == 1;
    }

    /** Records how an open signal ended; false when it was no longer open (another instance resolved it). */
    boolean resolve(UUID id, TripleBarrier.Resolution resolution, Instant resolvedAt) {
        return jdbc.sql("""
                        update signals set status = 'resolved', outcome = ?, exit_price = ?, exit_at = ?, return_pct = ?,
                            resolved_at = ? where id = ? and status = 'open'
                        """)
                .params(resolution.outcome().code(), resolution.exitPrice(), Timestamp.from(resolution.exitTime()),
                        resolution.returnPct(), Timestamp.from(resolvedAt), id)
                .update() == 1;
    }

    public Optional<Signal> find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(SignalStore::signal).optional();
    }

    List<Signal> open() {
        return jdbc.sql(SELECT + " where status = 'open' order by generated_at").query(SignalStore::signal).list();
    }

    public boolean hasOpen(String symbol, Direction direction) {
        return jdbc.sql("select count(*) from signals where symbol = ? and direction = ? and status = 'open'")
                .params(symbol, direction.code()).query(Integer.class).single() > 0;
    }

    /** One page, newest first, by keyset (generated_at, id): the cost does not grow with the page number. */
    public List<Signal> page(PageQuery query) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where true");
        List<Object> params = new ArrayList<>();
        if (query.assetClasses().size() < AssetClass.values().length) {
            sql.append(" and asset_class in (");
            for (int i = 0; i < query.assetClasses().size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
                params.add(query.assetClasses().get(i).code());
            }
            sql.append(")");
        }
        if (query.status() != null) {
            sql.append(" and status = ?");
            params.add(query.status());
        }
        if (query.from() != null) {
            sql.append(" and generated_at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        Instant until = earliest(query.to(), query.visibleUntil());
        if (until != null) {
            sql.append(" and generated_at < ?");
            params.add(Timestamp.from(until));
        }
        if (query.afterGeneratedAt() != null) {
            sql.append(" and (generated_at, id) < (?, ?)");
            params.add(Timestamp.from(query.afterGeneratedAt()));
            params.add(query.afterId());
        }
        sql.append(" order by generated_at desc, id desc limit ?");
        params.add(query.limit());
        return jdbc.sql(sql.toString()).params(params).query(SignalStore::signal).list();
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    private static final String SELECT = """
            select id, symbol, asset_class, direction, entry, target, stop, horizon, horizon_bars, bar_interval,
                   basis_bar_at, expires_at, confidence, model_version, generated_at, simulated, status, outcome,
                   exit_price, exit_at, return_pct, resolved_at from signals""";

    private static Signal signal(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Signal(rs.getObject("id", UUID.class), rs.getString("symbol"), AssetClass.of(rs.getString("asset_class")),
                Direction.of(rs.getString("direction")), rs.getBigDecimal("entry").stripTrailingZeros(),
                rs.getBigDecimal("target").stripTrailingZeros(), rs.getBigDecimal("stop").stripTrailingZeros(),
                Duration.parse(rs.getString("horizon")), rs.getInt("horizon_bars"), rs.getString("bar_interval"),
                instant(rs, "basis_bar_at"), instant(rs, "expires_at"), rs.getBigDecimal("confidence"),
                rs.getString("model_version"), instant(rs, "generated_at"), rs.getBoolean("simulated"),
                rs.getString("status"), outcome == null ? null : Outcome.of(outcome),
                rs.getBigDecimal("exit_price") == null ? null : rs.getBigDecimal("exit_price").stripTrailingZeros(),
                instant(rs, "exit_at"), rs.getBigDecimal("return_pct"), instant(rs, "resolved_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
