package com.aifinance.dashboard.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Users;
import com.aifinance.dashboard.preferences.PreferenceStore;
import com.aifinance.dashboard.preferences.UiPreferences;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's frame needs: the signed-in user, their preferences (colour scheme, time zone), their
 * organisation's look and the navigation they may use. Panels loaded by htmx get the same, cheaply: the
 * preferences come from the session and the branding from Redis.
 */
@ControllerAdvice
class Chrome {

    /** A navigation entry; {@code section} marks the current one. */
    record NavItem(String href, String label, String section) {
    }

    private final Users users;
    private final PreferenceStore preferences;
    private final Branding branding;

    Chrome(Users users, PreferenceStore preferences, Branding branding) {
        this.users = users;
        this.preferences = preferences;
        this.branding = branding;
    }

    @ModelAttribute
    void frame(HttpServletRequest request, org.springframework.ui.Model model) {
        Optional<CurrentUser> user = users.peek(request);
        UiPreferences prefs = user.map(u -> preferences.of(u.subject(), request.getSession(false)))
                .orElse(UiPreferences.DEFAULTS);
        request.setAttribute(Formats.ZONE_ATTRIBUTE, prefs.zone());
        model.addAttribute("currentUser", user.orElse(null));
        model.addAttribute("preferences", prefs);
        if (!"true".equals(request.getHeader("HX-Request"))) {
            model.addAttribute("theme", user.map(branding::of).orElse(Branding.Theme.PLATFORM));
            model.addAttribute("nav", user.map(Chrome::navigation).orElse(List.of()));
        }
    }

    static List<NavItem> navigation(CurrentUser user) {
        List<NavItem> items = new ArrayList<>();
        items.add(new NavItem("/dashboard", "Overview", "dashboard"));
        items.add(new NavItem("/signals", "Signals", "signals"));
        items.add(new NavItem("/accuracy", "Accuracy", "accuracy"));
        items.add(new NavItem("/account/subscription", "Plan and billing", "account"));
        items.add(new NavItem("/account/notifications", "Notifications", "notifications"));
        if (user.isOrganisationMember()) {
            items.add(new NavItem("/enterprise", "Organisation", "enterprise"));
        }
        if (user.isOps()) {
            items.add(new NavItem("/ops", "Ops hub", "ops"));
            items.add(new NavItem("/analytics", "Revenue and analytics", "analytics"));
        }
        return items;
    }
}
