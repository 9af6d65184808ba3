package com.aifinance.dashboard.ops;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Panel;
import com.aifinance.dashboard.platform.Reply;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The unified ops hub: every service's health and SLO, incidents, feature flags and recent payment webhooks, each
 * panel from its own service so one being down leaves the others working.
 */
@PageController
class OpsHubController {

    static final List<String> FLAGS = List.of("advanced_analytics", "enterprise_dashboard", "crypto_signals",
            "forex_signals", "white_label", "api_rate_limiting", "real_time_notifications");
    static final List<String> TIERS = List.of("basic", "pro", "enterprise", "institutional");
    private static final String UUID = "[0-9a-fA-F-]{36}";

    record IncidentForm(@Size(max = 63, message = "At most 63 characters") @Pattern(regexp = "|[a-z0-9-]+", message = "A service name such as billing-service") String service,
                        @NotBlank(message = "Enter a title") @Size(min = 3, max = 200, message = "Between 3 and 200 characters") String title,
                        @NotBlank(message = "Choose a severity") @Pattern(regexp = "minor|major|critical", message = "Choose minor, major or critical") String severity,
                        @NotBlank(message = "Say what customers should know") @Size(max = 2000, message = "At most 2,000 characters") String message) {
    }

    private final Downstream downstream;
    private final OpsAccess access;

    OpsHubController(Downstream downstream, OpsAccess access) {
        this.downstream = downstream;
        this.access = access;
    }

    @GetMapping("/ops")
    String hub(Model model) {
        access.ops();
        model.addAttribute("section", "ops");
        model.addAttribute("tab", "hub");
        return "ops/hub";
    }

    @GetMapping("/ops/panels/health")
    String health(Model model) {
        access.ops();
        Reply<OpsViews.StatusPage> status = downstream.get(Service.MONITORING, OpsViews.StatusPage.class,
                "/api/monitoring/status");
        Reply<List<OpsViews.ServiceAvailability>> slo = downstream.get(Service.MONITORING,
                new ParameterizedTypeReference<>() {
                }, "/api/monitoring/slo");
        if (status.ok()) {
            Map<String, OpsViews.Slo> slos = new LinkedHashMap<>();
            Optional.ofNullable(slo.body()).orElse(List.of()).forEach(a -> slos.put(a.service(), a.slo()));
            List<OpsViews.HealthRow> rows = new ArrayList<>();
            for (OpsViews.ServiceStatus service : Optional.ofNullable(status.body().services()).orElse(List.of())) {
                Map<String, BigDecimal> uptime = Optional.ofNullable(service.uptime()).orElse(Map.of());
                rows.add(new OpsViews.HealthRow(service.name(), service.status(), service.responseTimeMs(),
                        service.checkedAt(), uptime.get("24h"), uptime.get("30d"), slos.get(service.name())));
            }
            model.addAttribute("panel", rows.isEmpty() ? Panel.empty(rows) : Panel.ready(rows));
            model.addAttribute("overall", status.body().status());
            model.addAttribute("journeys", Optional.ofNullable(status.body().journeys()).orElse(List.of()));
            model.addAttribute("sloMissing", !slo.ok());
        } else {
            model.addAttribute("panel", status.toPanel());
        }
        return "ops/hub :: health-panel";
    }

    @GetMapping("/ops/panels/incidents")
    String incidents(Model model) {
        access.ops();
        model.addAttribute("form", new IncidentForm("", "", "major", ""));
        return renderIncidents(model);
    }

    @PostMapping("/ops/incidents")
    String openIncident(@Valid @ModelAttribute("form") IncidentForm form, BindingResult errors, Model model) {
        access.ops();
        if (!errors.hasErrors()) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (form.service() != null && !form.service().isBlank()) {
                body.put("service", form.service());
            }
            body.put("title", form.title().strip());
            body.put("severity", form.severity());
            body.put("message", form.message());
            Reply<OpsViews.Incident> reply = downstream.send(Service.MONITORING, HttpMethod.POST, body,
                    OpsViews.Incident.class, "/api/monitoring/incidents");
            if (reply.ok()) {
                model.addAttribute("message", "Incident opened; ops channels and the status page are told.");
                model.addAttribute("form", new IncidentForm("", "", "major", ""));
            } else if (reply instanceof Reply.Refused<?>(var problem) && !problem.fieldErrors().isEmpty()) {
                problem.fieldErrors().forEach((field, message) -> errors.rejectValue(
                        List.of("service", "title", "severity", "message").contains(field) ? field : "title",
                        "invalid", message));
            } else {
                model.addAttribute("error", OpsAccess.failure(reply));
            }
        }
        return renderIncidents(model);
    }

    @PostMapping("/ops/incidents/{id}/updates")
    String update(@PathVariable String id, @RequestParam String status, @RequestParam(defaultValue = "") String message,
                  Model model) {
        access.ops();
        if (!id.matches(UUID) || !status.matches("investigating|identified|monitoring") || message.isBlank()
                || message.length() > 2000) {
            model.addAttribute("error", "Choose a status and write an update of at most 2,000 characters.");
        } else {
            Reply<Object> reply = downstream.send(Service.MONITORING, HttpMethod.POST,
                    Map.of("status", status, "message", message), Object.class,
                    "/api/monitoring/incidents/{id}/updates", id);
            model.addAttribute(reply.ok() ? "message" : "error", reply.ok() ? "Update posted." : OpsAccess.failure(reply));
        }
        model.addAttribute("form", new IncidentForm("", "", "major", ""));
        return renderIncidents(model);
    }

    @PostMapping("/ops/incidents/{id}/resolve")
    String resolve(@PathVariable String id, @RequestParam(defaultValue = "") String resolution, Model model) {
        access.ops();
        if (!id.matches(UUID) || resolution.isBlank() || resolution.length() > 2000) {
            model.addAttribute("error", "Say what was done (at most 2,000 characters).");
        } else {
            Reply<Object> reply = downstream.send(Service.MONITORING, HttpMethod.POST, Map.of("resolution", resolution),
                    Object.class, "/api/monitoring/incidents/{id}/resolve", id);
            model.addAttribute(reply.ok() ? "message" : "error", reply.ok() ? "Incident resolved." : OpsAccess.failure(reply));
        }
        model.addAttribute("form", new IncidentForm("", "", "major", ""));
        return renderIncidents(model);
    }

    @GetMapping("/ops/panels/flags")
    String flags(Model model) {
        access.ops();
        return renderFlags(model);
    }

    @PostMapping("/ops/flags/{flag}")
    String setFlag(@PathVariable String flag, @RequestParam(defaultValue = "") String tier,
                   @RequestParam String value, Model model) {
        access.ops();
        if (!FLAGS.contains(flag) || !(tier.isEmpty() || TIERS.contains(tier))
                || !value.matches("on|off|default")) {
            model.addAttribute("error", "Unknown flag or setting.");
            return renderFlags(model);
        }
        Reply<?> reply;
        if ("default".equals(value)) {
            reply = downstream.send(Service.SUBSCRIPTION, HttpMethod.DELETE, null, Object.class,
                    tier.isEmpty() ? "/api/subscriptions/flags/{flag}" : "/api/subscriptions/flags/{flag}?tier={tier}",
                    tier.isEmpty() ? new Object[]{flag} : new Object[]{flag, tier});
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("enabled", "on".equals(value));
            if (!tier.isEmpty()) {
                body.put("tier", tier);
            }
            reply = downstream.send(Service.SUBSCRIPTION, HttpMethod.PUT, body, Object.class,
                    "/api/subscriptions/flags/{flag}", flag);
        }
        model.addAttribute(reply.ok() ? "message" : "error", reply.ok()
                ? flag + (tier.isEmpty() ? " (global)" : " for " + tier) + " set to " + value + "."
                : OpsAccess.failure(reply));
        return renderFlags(model);
    }

    @GetMapping("/ops/panels/webhooks")
    String webhooks(@RequestParam(defaultValue = "parked") String status, Model model) {
        access.ops();
        return renderWebhooks(model, status.matches("received|processed|ignored|parked") ? status : "parked");
    }

    @PostMapping("/ops/webhooks/{provider}/{eventId}/replay")
    String replay(@PathVariable String provider, @PathVariable String eventId, Model model) {
        access.ops();
        if (provider.matches("stripe|razorpay") && eventId.matches("[A-Za-z0-9_.:-]{1,200}")) {
            Reply<Object> reply = downstream.send(Service.BILLING, HttpMethod.POST, null, Object.class,
                    "/api/billing/ops/webhooks/{provider}/{eventId}/replay", provider, eventId);
            model.addAttribute(reply.ok() ? "message" : "error", reply.ok() ? "Event " + eventId + " queued again."
                    : OpsAccess.failure(reply));
        }
        return renderWebhooks(model, "parked");
    }

    private String renderIncidents(Model model) {
        Reply<List<OpsViews.Incident>> reply = downstream.get(Service.MONITORING,
                new ParameterizedTypeReference<>() {
                }, "/api/monitoring/incidents/open");
        model.addAttribute("panel", reply.toPanel(List::isEmpty));
        return "ops/hub :: incidents-panel";
    }

    private String renderFlags(Model model) {
        Reply<Map<String, Map<String, Boolean>>> reply = downstream.get(Service.SUBSCRIPTION,
                new ParameterizedTypeReference<>() {
                }, "/api/subscriptions/flags");
        model.addAttribute("panel", reply.map(TreeMap::new).toPanel());
        model.addAttribute("flags", FLAGS);
        model.addAttribute("tiers", TIERS);
        return "ops/hub :: flags-panel";
    }

    private String renderWebhooks(Model model, String status) {
        Reply<List<OpsViews.WebhookEvent>> reply = downstream.get(Service.BILLING,
                new ParameterizedTypeReference<>() {
                }, "/api/billing/ops/webhooks?status={status}&limit=25", status);
        model.addAttribute("panel", reply.toPanel(List::isEmpty));
        model.addAttribute("status", status);
        return "ops/hub :: webhooks-panel";
    }
}
