package com.aifinance.dashboard.preferences;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Users' dashboard preferences ({@code ui_preferences}), cached in the session so a page costs no query; saving
 * updates both.
 */
@Component
public class PreferenceStore {

    private static final String SESSION_ATTRIBUTE = PreferenceStore.class.getName() + ".PREFERENCES";

    private final JdbcClient jdbc;
    private final Clock clock;

    PreferenceStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public UiPreferences of(String userId) {
        return find(userId).orElse(UiPreferences.DEFAULTS);
    }

    /** The user's preferences, from the session when already read there. */
    public UiPreferences of(String userId, HttpSession session) {
        if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof UiPreferences cached) {
            return cached;
        }
        UiPreferences preferences = of(userId);
        if (session != null) {
            session.setAttribute(SESSION_ATTRIBUTE, preferences);
        }
        return preferences;
    }

    Optional<UiPreferences> find(String userId) {
        return jdbc.sql("select theme, landing_page, time_zone from ui_preferences where user_id = ?")
                .param(userId)
                .query((rs, row) -> new UiPreferences(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    UiPreferences save(String userId, UiPreferences preferences, HttpSession session) {
        jdbc.sql("""
                        insert into ui_preferences (user_id, theme, landing_page, time_zone, updated_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (user_id) do update set theme = excluded.theme,
                            landing_page = excluded.landing_page, time_zone = excluded.time_zone,
                            updated_at = excluded.updated_at""")
                .params(userId, preferences.theme(), preferences.landingPage(), preferences.timeZone(),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        if (session != null) {
            session.setAttribute(SESSION_ATTRIBUTE, preferences);
        }
        return preferences;
    }
}
