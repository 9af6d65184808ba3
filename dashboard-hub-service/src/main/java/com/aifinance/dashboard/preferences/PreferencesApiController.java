package com.aifinance.dashboard.preferences;

import com.aifinance.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's dashboard preferences as JSON (bearer token), for clients other than the web pages. */
@RestController
@RequestMapping("/api/dashboard/preferences")
@Tag(name = "Dashboard preferences", description = "Colour scheme, landing page and time zone of the caller")
@SecurityRequirement(name = "bearer")
class PreferencesApiController {

    private final PreferenceStore store;

    PreferencesApiController(PreferenceStore store) {
        this.store = store;
    }

    @GetMapping
    @Operation(summary = "The caller's preferences (defaults when never saved)")
    UiPreferences get() {
        return store.of(caller());
    }

    @PutMapping
    @Operation(summary = "Replace the caller's preferences", description = "400 validation problem naming each "
            + "invalid field (theme, landingPage, timeZone).")
    UiPreferences put(@Valid @RequestBody PreferencesForm form) {
        return store.save(caller(), form.toPreferences(), null);
    }

    private static String caller() {
        return Caller.current().orElseThrow().subject();
    }
}
