package com.aifinance.subscription.entitlement;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.subscription.audit.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runtime feature flags, set by ops globally or per tier. A global flag is a kill switch (off means off for every
 * tier); a tier flag replaces the tier's default for that feature. Every change is audited, published as
 * {@code feature_flag.changed} and empties the entitlement cache after commit.
 */
@Component
class FeatureFlags {

    static final String GLOBAL = "global";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FeatureFlags(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, AuditLog audit,
                 ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Every flag row: {@code flag -> scope -> enabled}. */
    Map<String, Map<String, Boolean>> all() {
        Map<String, Map<String, Boolean>> flags = new LinkedHashMap<>();
        Catalog.FLAGS.forEach(flag -> flags.put(flag, new LinkedHashMap<>()));
        jdbc.sql("select flag, scope, enabled from feature_flags order by flag, scope")
                .query((rs, row) -> flags.get(rs.getString(1)).put(rs.getString(2), rs.getBoolean(3))).list();
        return flags;
    }

    Optional<Boolean> value(String flag, String scope) {
        return jdbc.sql("select enabled from feature_flags where flag = ? and scope = ?").params(flag, scope)
                .query(Boolean.class).optional();
    }

    /**
     * Sets a flag.
     *
     * @param tier the tier, or null for the global switch
     */
    void set(String flag, String tier, boolean enabled, String actor) {
        check(flag, tier);
        String scope = tier == null ? GLOBAL : tier;
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            Optional<Boolean> before = value(flag, scope);
            jdbc.sql("""
                            insert into feature_flags (flag, scope, enabled, updated_by, updated_at) values (?, ?, ?, ?, ?)
                            on conflict (flag, scope) do update set enabled = excluded.enabled,
                                updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                    .params(flag, scope, enabled, actor, Timestamp.from(now)).update();
            changed(flag, tier, before, enabled, actor, now);
        });
    }

    /** Removes a tier's override (back to the tier default) or the global switch (back to on). */
    void clear(String flag, String tier, String actor) {
        check(flag, tier);
        String scope = tier == null ? GLOBAL : tier;
        transactions.executeWithoutResult(status -> {
            Optional<Boolean> before = value(flag, scope);
            if (before.isEmpty()) {
                throw ApiProblem.notFound("A " + scope + " value of " + flag);
            }
            jdbc.sql("delete from feature_flags where flag = ? and scope = ?").params(flag, scope).update();
            changed(flag, tier, before, tier == null || Catalog.includes(tier, flag), actor, clock.instant());
        });
    }

    private void changed(String flag, String tier, Optional<Boolean> before, boolean enabled, String actor,
                         Instant now) {
        Map<String, Object> beforeState = new LinkedHashMap<>();
        beforeState.put("enabled", before.orElse(null));
        audit.record(actor, "feature_flag.changed", "flag:" + flag + ":" + (tier == null ? GLOBAL : tier),
                beforeState, Map.of("enabled", enabled));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("flag", flag);
        data.put("tier", tier);
        data.put("enabled", enabled);
        data.put("changedBy", actor);
        data.put("occurredAt", now.toString());
        outbox.publish(EventStreams.SUBSCRIPTION, "feature_flag.changed", flag, data);
        events.publishEvent(new FlagsChanged());
    }

    private static void check(String flag, String tier) {
        if (!Catalog.FLAGS.contains(flag)) {
            throw ApiProblem.notFound("Feature flag " + flag);
        }
        if (tier != null && !Catalog.TIERS.contains(tier)) {
            throw ApiProblem.invalid("tier must be one of " + String.join(", ", Catalog.TIERS));
        }
    }

    /** In-process: some flag changed, so every cached entitlement may be stale. */
    record FlagsChanged() {
    }

    static List<String> scopes() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(GLOBAL), Catalog.TIERS.stream()).toList();
    }
}
