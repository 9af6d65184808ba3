package com.aifinance.institutional.marketdata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The instruments the signal engine covers. */
@Repository
public class InstrumentCatalog {

    private static final TypeReference<Map<String, String>> SYMBOL_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    InstrumentCatalog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<Instrument> all() {
        return jdbc.sql(SELECT + " order by asset_class, symbol").query(this::instrument).list();
    }

    public List<Instrument> active(AssetClass assetClass) {
        return jdbc.sql(SELECT + " where active and asset_class = ? order by symbol")
                .param(assetClass.code()).query(this::instrument).list();
    }

    public Optional<Instrument> find(String symbol) {
        return jdbc.sql(SELECT + " where symbol = ?").param(symbol).query(this::instrument).optional();
    }

    /** Adds the instrument, or updates how it is sourced when it exists. */
    public void save(Instrument instrument) {
        jdbc.sql("""
                        insert into instruments (symbol, asset_class, name, currency, simulated, data_source, bar_interval,
                                                 calendar, provider_symbols, price_scale, active)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                        on conflict (symbol) do update set name = excluded.name, data_source = excluded.data_source,
                            provider_symbols = excluded.provider_symbols, active = excluded.active
                        """)
                .params(instrument.symbol(), instrument.assetClass().code(), instrument.name(), instrument.currency(),
                        instrument.simulated(), instrument.dataSource(), instrument.barInterval().code(),
                        instrument.calendar().code(), json.writeValueAsString(instrument.providerSymbols()),
                        instrument.priceScale(), instrument.active())
                .update();
    }

    private static final String SELECT = """
            select symbol, asset_class, name, currency, simulated, data_source, bar_interval, calendar,
                   provider_symbols::text as provider_symbols, price_scale, active from instruments""";

    private Instrument instrument(ResultSet rs, int row) throws SQLException {
        return new Instrument(rs.getString("symbol"), AssetClass.of(rs.getString("asset_class")), rs.getString("name"),
                rs.getString("currency"), rs.getBoolean("simulated"), rs.getString("data_source"),
                BarInterval.of(rs.getString("bar_interval")), TradingCalendar.of(rs.getString("calendar")),
                json.readValue(rs.getString("provider_symbols"), SYMBOL_MAP), rs.getInt("price_scale"),
                rs.getBoolean("active"));
    }
}
