package com.aifinance.institutional.marketdata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Bars in PostgreSQL, each with the source that delivered it. */
@Repository
public class BarStore {

    private final JdbcClient jdbc;

    BarStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores cleaned bars; a bar already stored for that time is replaced (vendors revise recent bars).
     *
     * @return how many rows were written
     */
    @Transactional
    public int save(String symbol, BarInterval interval, List<Bar> bars) {
        int written = 0;
        for (Bar bar : bars) {
            if (bar.defect().isPresent()) {
                throw new IllegalArgumentException("refusing a corrupt bar at " + bar.time() + ": " + bar.defect().get());
            }
            written += jdbc.sql("""
                            insert into bars (symbol, bar_interval, bar_time, open, high, low, close, volume, source)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (symbol, bar_interval, bar_time) do update set open = excluded.open,
                                high = excluded.high, low = excluded.low, close = excluded.close,
                                volume = excluded.volume, source = excluded.source, fetched_at = now()
                            """)
                    .params(symbol, interval.code(), Timestamp.from(bar.time()), bar.open(), bar.high(), bar.low(),
                            bar.close(), bar.volume(), bar.source())
                    .update();
        }
        return written;
    }

    /** Bars with {@code from <= time < to}, oldest first, at most {@code limit}. */
    public List<Bar> between(String symbol, BarInterval interval, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        select bar_time, open, high, low, close, volume, source from bars
                        where symbol = ? and bar_interval = ? and bar_time >= ? and bar_time < ?
                        order by bar_time limit ?
                        """)
                .params(symbol, interval.code(), Timestamp.from(from), Timestamp.from(to), limit)
                .query(BarStore::bar).list();
    }

    /** The latest {@code count} bars, oldest first. */
    public List<Bar> latest(String symbol, BarInterval interval, int count) {
        List<Bar> newestFirst = new ArrayList<>(jdbc.sql("""
                        select bar_time, open, high, low, close, volume, source from bars
                        where symbol = ? and bar_interval = ? order by bar_time desc limit ?
                        """)
                .params(symbol, interval.code(), count)
                .query(BarStore::bar).list());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Bars strictly after {@code after}, oldest first. */
    public List<Bar> after(String symbol, BarInterval interval, Instant after, int limit) {
        return jdbc.sql("""
                        select bar_time, open, high, low, close, volume, source from bars
                        where symbol = ? and bar_interval = ? and bar_time > ? order by bar_time limit ?
                        """)
                .params(symbol, interval.code(), Timestamp.from(after), limit)
                .query(BarStore::bar).list();
    }

    /** Every bar of the series, oldest first. */
    public List<Bar> all(String symbol, BarInterval interval) {
        return jdbc.sql("""
                        select bar_time, open, high, low, close, volume, source from bars
                        where symbol = ? and bar_interval = ? order by bar_time
                        """)
                .params(symbol, interval.code())
                .query(BarStore::bar).list();
    }

    public Optional<Instant> lastBarTime(String symbol, BarInterval interval) {
        return jdbc.sql("select max(bar_time) from bars where symbol = ? and bar_interval = ?")
                .params(symbol, interval.code())
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    public long count(String symbol, BarInterval interval) {
        return jdbc.sql("select count(*) from bars where symbol = ? and bar_interval = ?")
                .params(symbol, interval.code()).query(Long.class).single();
    }

    private static Bar bar(ResultSet rs, int row) throws SQLException {
        return new Bar(rs.getTimestamp("bar_time").toInstant(), rs.getBigDecimal("open").stripTrailingZeros(),
                rs.getBigDecimal("high").stripTrailingZeros(), rs.getBigDecimal("low").stripTrailingZeros(),
                rs.getBigDecimal("close").stripTrailingZeros(),
                Optional.ofNullable(rs.getBigDecimal("volume")).map(java.math.BigDecimal::stripTrailingZeros).orElse(null),
                rs.getString("source"));
    }
}
