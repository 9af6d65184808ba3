package com.aifinance.dashboard.preferences;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The preferences as a form or a JSON body; the same rules either way. */
record PreferencesForm(
        @NotBlank @Pattern(regexp = "system|light|dark", message = "must be system, light or dark") String theme,
        @NotBlank @Pattern(regexp = "dashboard|signals|accuracy|enterprise|ops",
                message = "must be dashboard, signals, accuracy, enterprise or ops") String landingPage,
        @NotBlank @Size(max = 64) @KnownTimeZone String timeZone) {

    UiPreferences toPreferences() {
        return new UiPreferences(theme, landingPage, timeZone);
    }

    static PreferencesForm of(UiPreferences preferences) {
        return new PreferencesForm(preferences.theme(), preferences.landingPage(), preferences.timeZone());
    }
}
