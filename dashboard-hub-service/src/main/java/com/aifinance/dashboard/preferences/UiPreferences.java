package com.aifinance.dashboard.preferences;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Set;

/**
 * How a user likes the dashboards: colour scheme, the page they land on after login, and the time zone times are
 * shown in.
 */
public record UiPreferences(String theme, String landingPage, String timeZone) implements Serializable {

    public static final Set<String> THEMES = Set.of("system", "light", "dark");
    public static final Set<String> LANDING_PAGES = Set.of("dashboard", "signals", "accuracy", "enterprise", "ops");
    public static final UiPreferences DEFAULTS = new UiPreferences("system", "dashboard", "UTC");

    public ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (RuntimeException unknown) {
            return ZoneId.of("UTC");
        }
    }
}
