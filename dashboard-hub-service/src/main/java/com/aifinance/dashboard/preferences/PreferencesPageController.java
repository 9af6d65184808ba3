package com.aifinance.dashboard.preferences;

import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Users;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The settings page: colour scheme, landing page, time zone. */
@PageController
class PreferencesPageController {

    private final PreferenceStore store;
    private final Users users;

    PreferencesPageController(PreferenceStore store, Users users) {
        this.store = store;
        this.users = users;
    }

    @GetMapping("/account/settings")
    String page(Model model, HttpSession session) {
        model.addAttribute("form", PreferencesForm.of(store.of(users.current().subject(), session)));
        model.addAttribute("zones", java.time.ZoneId.getAvailableZoneIds().stream().sorted().toList());
        return "account/settings";
    }

    /** Where a login without a saved page lands: the page the user chose in their settings. */
    @GetMapping("/welcome")
    String welcome(HttpSession session) {
        var user = users.current();
        String landing = store.of(user.subject(), session).landingPage();
        boolean allowed = switch (landing) {
            case "enterprise" -> user.isOrganisationMember();
            case "ops" -> user.isOps();
            default -> UiPreferences.LANDING_PAGES.contains(landing);
        };
        return "redirect:/" + (allowed ? landing : "dashboard");
    }

    @PostMapping("/account/settings")
    String save(@Valid @ModelAttribute("form") PreferencesForm form, BindingResult errors, Model model,
                HttpSession session) {
        model.addAttribute("zones", java.time.ZoneId.getAvailableZoneIds().stream().sorted().toList());
        if (errors.hasErrors()) {
            return "account/settings";
        }
        model.addAttribute("preferences", store.save(users.current().subject(), form.toPreferences(), session));
        model.addAttribute("saved", true);
        return "account/settings";
    }
}
