package com.aifinance.analytics.entitlement;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The runtime feature flags subscription-service owns, as its {@code feature_flag.changed} events last set them.
 * A tier's own setting wins over the global one; a flag never announced is on (the tier's entitlement decides).
 */
@Component
public class FeatureFlags {

    public static final String ADVANCED_ANALYTICS = "advanced_analytics";
    private static final String GLOBAL = "";

    private final JdbcClient jdbc;

    FeatureFlags(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies an announced change unless a later one is already recorded (events may arrive out of order). */
    public void record(String flag, String tier, boolean enabled, Instant changedAt) {
        jdbc.sql("""
                        insert into feature_flags (flag, tier, enabled, changed_at) values (?, ?, ?, ?)
                        on conflict (flag, tier) do update set enabled = excluded.enabled, changed_at = excluded.changed_at
                        where feature_flags.changed_at <= excluded.changed_at""")
                .params(flag, tier == null ? GLOBAL : tier.toLowerCase(Locale.ROOT), enabled,
                        java.sql.Timestamp.from(changedAt))
                .update();
    }

    /** Whether {@code flag} is on for {@code tier}. */
    public boolean enabled(String flag, String tier) {
        List<Setting> settings = jdbc.sql("select tier, enabled from feature_flags where flag = ? and tier in (?, ?)")
                .params(flag, tier.toLowerCase(Locale.ROOT), GLOBAL)
                .query(Setting.class).list();
        Optional<Setting> own = settings.stream().filter(s -> !s.tier().isEmpty()).findFirst();
        Optional<Setting> global = settings.stream().filter(s -> s.tier().isEmpty()).findFirst();
        return own.or(() -> global).map(Setting::enabled).orElse(true);
    }

    record Setting(String tier, boolean enabled) {
    }
}
