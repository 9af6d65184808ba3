package com.aifinance.institutional.model;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.aifinance.institutional.features.FeatureVector;
import com.aifinance.institutional.marketdata.AssetClass;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Model versions in PostgreSQL: the deployed model of each family with its training window and walk-forward
 * out-of-sample metrics, the folds, and the out-of-sample trades (the backtest).
 */
@Repository
public class ModelRegistry {

    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    /** A stored version, without its model bytes. */
    public record Version(String version, AssetClass assetClass, boolean simulated, String algorithm,
                          Instant trainFrom, Instant trainTo, int trainSamples, int folds, int oosSamples,
                          int oosClassifierHits, int oosSignals, int oosTargetFirst, long evaluationMillis,
                          Instant trainedAt, boolean active) {
    }

    /** The deployed model of a family. */
    public record Deployed(String version, Classifier classifier) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Classifier> loaded = new ConcurrentHashMap<>();

    ModelRegistry(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.clock = clock;
    }

    /** Stores a walk-forward run as the family's new active version; returns the version name. */
    @Transactional
    public String save(WalkForward.Result result, ModelProperties properties) {
        Instant now = clock.instant();
        ModelFamily family = result.family();
        String version = family.key() + "-" + properties.algorithm() + "-" + VERSION_TIME.format(now);
        int suffix = 1;
        String candidate = version;
        while (jdbc.sql("select count(*) from model_versions where version = ?").param(candidate)
                .query(Integer.class).single() > 0) {
            candidate = version + "-" + ++suffix;
        }
        version = candidate;
        jdbc.sql("update model_versions set active = false where asset_class = ? and simulated = ? and active")
                .params(family.assetClass().code(), family.simulated()).update();
        jdbc.sql("""
                        insert into model_versions (version, asset_class, simulated, algorithm, parameters, feature_names,
                            train_from, train_to, train_samples, folds, oos_samples, oos_classifier_hits, oos_signals,
                            oos_target_first, evaluation_millis, model, trained_at, active)
                        values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)
                        """)
                .params(version, family.assetClass().code(), family.simulated(), properties.algorithm(),
                        json.writeValueAsString(parametersOf(properties)), json.writeValueAsString(FeatureVector.NAMES),
                        Timestamp.from(result.trainFrom()), Timestamp.from(result.trainTo()), result.trainSamples(),
                        result.folds().size(), result.testSamples(), result.classifierHits(), result.trades().size(),
                        result.targetFirst(), result.millis(), result.finalModel().toBytes(), Timestamp.from(now))
                .update();
        List<Object[]> folds = new ArrayList<>();
        for (WalkForward.Fold fold : result.folds()) {
            folds.add(new Object[]{version, fold.index(), Timestamp.from(fold.trainFrom()), Timestamp.from(fold.trainTo()),
                    Timestamp.from(fold.testFrom()), Timestamp.from(fold.testTo()), fold.trainSamples(),
                    fold.testSamples(), fold.classifierHits(), fold.signals(), fold.targetFirst()});
        }
        batch.batchUpdate("""
                insert into model_folds (version, fold, train_from, train_to, test_from, test_to, train_samples,
                    test_samples, classifier_hits, signals, target_first) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, folds);
        List<Object[]> trades = new ArrayList<>();
        for (WalkForward.Trade trade : result.trades()) {
            trades.add(new Object[]{version, trade.fold(), trade.symbol(), family.assetClass().code(),
                    family.simulated(), trade.direction().code(),
                    java.math.BigDecimal.valueOf(trade.confidence()).setScale(5, java.math.RoundingMode.HALF_EVEN),
                    Timestamp.from(trade.entryAt()), trade.barriers().entry(), trade.barriers().target(),
                    trade.barriers().stop(), Timestamp.from(trade.resolution().exitTime()),
                    trade.resolution().exitPrice(), trade.resolution().outcome().code(),
                    trade.resolution().returnPct()});
        }
        batch.batchUpdate("""
                insert into backtest_trades (version, fold, symbol, asset_class, simulated, direction, confidence,
                    entry_at, entry, target, stop, exit_at, exit_price, outcome, return_pct)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, trades);
        loaded.put(version, result.finalModel());
        return version;
    }

    /** The family's active model, loaded once per version. */
    public Optional<Deployed> active(ModelFamily family) {
        return jdbc.sql("select version from model_versions where asset_class = ? and simulated = ? and active")
                .params(family.assetClass().code(), family.simulated())
                .query(String.class).optional()
                .map(version -> new Deployed(version, loaded.computeIfAbsent(version, this::load)));
    }

    public Optional<Version> find(String version) {
        return jdbc.sql(SELECT + " where version = ?").param(version).query(this::version).optional();
    }

    public List<Version> all() {
        return jdbc.sql(SELECT + " order by trained_at desc, version").query(this::version).list();
    }

    public List<WalkForward.Fold> folds(String version) {
        return jdbc.sql("""
                        select fold, train_from, train_to, test_from, test_to, train_samples, test_samples,
                               classifier_hits, signals, target_first from model_folds where version = ? order by fold
                        """)
                .param(version)
                .query((rs, n) -> new WalkForward.Fold(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
                        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10)))
                .list();
    }

    private Classifier load(String version) {
        byte[] bytes = jdbc.sql("select model from model_versions where version = ?").param(version)
                .query(byte[].class).single();
        return Classifier.fromBytes(bytes);
    }

    private Map<String, Object> parametersOf(ModelProperties properties) {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>(Classifier.parameters(properties));
        parameters.put("targetAtr", properties.targetAtr());
        parameters.put("stopAtr", properties.stopAtr());
        parameters.put("horizonBars", properties.horizonBars());
        parameters.put("trainFraction", properties.trainFraction());
        parameters.put("testFraction", properties.testFraction());
        parameters.put("minConfidence", properties.minConfidence());
        return parameters;
    }

    private static final String SELECT = """
            select version, asset_class, simulated, algorithm, train_from, train_to, train_samples, folds, oos_samples,
                   oos_classifier_hits, oos_signals, oos_target_first, evaluation_millis, trained_at, active
            from model_versions""";

    private Version version(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Version(rs.getString(1), AssetClass.of(rs.getString(2)), rs.getBoolean(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getInt(7), rs.getInt(8),
                rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getLong(13),
                rs.getTimestamp(14).toInstant(), rs.getBoolean(15));
    }
}
