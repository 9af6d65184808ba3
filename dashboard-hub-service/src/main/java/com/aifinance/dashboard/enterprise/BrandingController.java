package com.aifinance.dashboard.enterprise;

import java.util.LinkedHashMap;
import java.util.Map;

import com.aifinance.dashboard.layout.Branding;
import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Reply;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpMethod;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** White label: the name, logo URL, colours and custom domain the organisation's members see. */
@PageController
class BrandingController {

    private static final String COLOUR = "|#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}";
    private static final String COLOUR_MESSAGE = "Enter a colour as #rgb or #rrggbb, or leave it empty";

    record BrandingForm(
            @NotBlank(message = "Enter the name your members see") @Size(max = 100, message = "At most 100 characters")
            @Pattern(regexp = "[^\\p{Cntrl}]*", message = "Remove control characters") String displayName,
            @Size(max = 500, message = "At most 500 characters") @Pattern(regexp = "|https://\\S+", message = "Enter an https:// address, or leave it empty") String logoUrl,
            @Pattern(regexp = COLOUR, message = COLOUR_MESSAGE) String primaryColour,
            @Pattern(regexp = COLOUR, message = COLOUR_MESSAGE) String secondaryColour,
            @Pattern(regexp = COLOUR, message = COLOUR_MESSAGE) String accentColour,
            @Size(max = 253, message = "At most 253 characters") @Pattern(regexp = "|[A-Za-z0-9.-]+", message = "Enter a host name such as signals.example.com, or leave it empty") String customDomain) {

        static BrandingForm of(EnterpriseViews.BrandingView view) {
            return new BrandingForm(view.displayName(), blank(view.logoUrl() != null && view.logoUrl().startsWith("https://")
                    ? view.logoUrl() : null), blank(view.primaryColour()), blank(view.secondaryColour()),
                    blank(view.accentColour()), blank(view.customDomain()));
        }

        private static String blank(String value) {
            return value == null ? "" : value;
        }
    }

    private final Downstream downstream;
    private final Organisations organisations;
    private final Branding branding;

    BrandingController(Downstream downstream, Organisations organisations, Branding branding) {
        this.downstream = downstream;
        this.organisations = organisations;
        this.branding = branding;
    }

    @GetMapping("/enterprise/branding")
    String page(Model model) {
        organisations.admin();
        model.addAttribute("section", "enterprise");
        model.addAttribute("tab", "branding");
        return "enterprise/branding";
    }

    @GetMapping("/enterprise/panels/branding")
    String panel(Model model) {
        CurrentUser user = organisations.admin();
        Reply<EnterpriseViews.BrandingView> reply = downstream.get(Service.ENTERPRISE, EnterpriseViews.BrandingView.class,
                "/api/enterprise/organisations/{id}/branding", user.organisation());
        model.addAttribute("panel", reply.toPanel());
        if (reply.ok()) {
            model.addAttribute("form", BrandingForm.of(reply.body()));
        }
        return "enterprise/branding :: branding-panel";
    }

    @PostMapping("/enterprise/branding")
    String save(@Valid @ModelAttribute("form") BrandingForm form, BindingResult errors, Model model) {
        CurrentUser user = organisations.admin();
        model.addAttribute("panel", com.aifinance.dashboard.platform.Panel.ready(form));
        if (errors.hasErrors()) {
            return "enterprise/branding :: branding-panel";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", form.displayName().strip());
        body.put("logoUrl", emptyToNull(form.logoUrl()));
        body.put("primaryColour", emptyToNull(form.primaryColour()));
        body.put("secondaryColour", emptyToNull(form.secondaryColour()));
        body.put("accentColour", emptyToNull(form.accentColour()));
        body.put("customDomain", emptyToNull(form.customDomain()));
        Reply<EnterpriseViews.BrandingView> reply = downstream.send(Service.ENTERPRISE, HttpMethod.PUT, body,
                EnterpriseViews.BrandingView.class, "/api/enterprise/organisations/{id}/branding", user.organisation());
        if (reply.ok()) {
            branding.evict(user.organisation());
            model.addAttribute("message", "Saved. Reload the page to see the new look.");
            model.addAttribute("form", BrandingForm.of(reply.body()));
        } else if (reply instanceof Reply.Refused<?>(var problem) && !problem.fieldErrors().isEmpty()) {
            problem.fieldErrors().forEach((field, message) -> {
                if (java.util.Set.of("displayName", "logoUrl", "primaryColour", "secondaryColour", "accentColour",
                        "customDomain").contains(field)) {
                    errors.rejectValue(field, "invalid", message);
                } else {
                    errors.reject("invalid", message);
                }
            });
        } else {
            model.addAttribute("error", Organisations.failure(reply));
        }
        return "enterprise/branding :: branding-panel";
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
