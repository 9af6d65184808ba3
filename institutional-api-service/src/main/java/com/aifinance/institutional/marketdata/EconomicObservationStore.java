package com.aifinance.institutional.marketdata;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** FRED observations in PostgreSQL. */
@Repository
public class EconomicObservationStore {

    /** One stored observation. */
    public record Observation(String seriesId, LocalDate date, BigDecimal value, String source) {
    }

    private final JdbcClient jdbc;

    EconomicObservationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void save(String seriesId, List<FredClient.Observation> observations, String source) {
        for (FredClient.Observation observation : observations) {
            jdbc.sql("""
                            insert into economic_observations (series_id, obs_date, value, source) values (?, ?, ?, ?)
                            on conflict (series_id, obs_date) do update set value = excluded.value,
                                source = excluded.source, fetched_at = now()
                            """)
                    .params(seriesId, Date.valueOf(observation.date()), observation.value(), source).update();
        }
    }

    Optional<LocalDate> lastDate(String seriesId) {
        return jdbc.sql("select max(obs_date) from economic_observations where series_id = ?").param(seriesId)
                .query((rs, n) -> Optional.ofNullable(rs.getDate(1)).map(Date::toLocalDate)).single();
    }

    public List<Observation> between(String seriesId, LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("""
                        select series_id, obs_date, value, source from economic_observations
                        where series_id = ? and obs_date >= ? and obs_date <= ? order by obs_date limit ?
                        """)
                .params(seriesId, Date.valueOf(from), Date.valueOf(to), limit)
                .query((rs, n) -> new Observation(rs.getString(1), rs.getDate(2).toLocalDate(),
                        rs.getBigDecimal(3).stripTrailingZeros(), rs.getString(4)))
                .list();
    }

    public List<String> seriesIds() {
        return jdbc.sql("select distinct series_id from economic_observations order by series_id")
                .query(String.class).list();
    }
}
