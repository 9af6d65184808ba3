package com.aifinance.dashboard.enterprise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Reply;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Institutional API clients: create (the secret is shown once), rotate, revoke. */
@PageController
class ApiClientsController {

    static final List<String> SCOPES = List.of("signals:read", "market-data:read", "accuracy:read", "webhooks:manage");
    private static final String CLIENT_ID = "inst_[A-Za-z0-9]{1,64}";

    private final Downstream downstream;
    private final Organisations organisations;

    ApiClientsController(Downstream downstream, Organisations organisations) {
        this.downstream = downstream;
        this.organisations = organisations;
    }

    @GetMapping("/enterprise/api-clients")
    String page(Model model) {
        organisations.admin();
        model.addAttribute("section", "enterprise");
        model.addAttribute("tab", "api-clients");
        return "enterprise/api-clients";
    }

    @GetMapping("/enterprise/panels/api-clients")
    String panel(Model model) {
        return render(model, organisations.admin());
    }

    @PostMapping("/enterprise/api-clients")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(name = "scope", required = false) List<String> scopes,
                  @RequestParam(required = false) String quotaPerHour, Model model, HttpServletResponse response) {
        CurrentUser user = organisations.admin();
        Map<String, String> errors = new LinkedHashMap<>();
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            errors.put("name", "Enter a name of at most 100 characters, e.g. Risk engine (production).");
        }
        List<String> chosen = scopes == null ? List.of() : scopes.stream().filter(SCOPES::contains).distinct().toList();
        if (chosen.isEmpty()) {
            errors.put("scopes", "Choose at least one scope.");
        }
        Long quota = null;
        if (quotaPerHour != null && !quotaPerHour.isBlank()) {
            try {
                quota = Long.parseLong(quotaPerHour.strip());
                if (quota <= 0) {
                    errors.put("quotaPerHour", "Enter a positive number of requests per hour, or leave it empty.");
                }
            } catch (NumberFormatException notANumber) {
                errors.put("quotaPerHour", "Enter a whole number of requests per hour, or leave it empty.");
            }
        }
        if (errors.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", trimmed);
            body.put("scopes", chosen);
            if (quota != null) {
                body.put("quotaPerHour", quota);
            }
            Reply<EnterpriseViews.IssuedClient> reply = downstream.send(Service.ENTERPRISE, HttpMethod.POST, body,
                    EnterpriseViews.IssuedClient.class, "/api/enterprise/organisations/{id}/api-clients",
                    user.organisation());
            if (reply.ok()) {
                // the secret is in this answer only: no cache may keep it
                response.setHeader("Cache-Control", "no-store");
                model.addAttribute("issued", reply.body());
            } else if (reply instanceof Reply.Refused<?>(var problem) && !problem.fieldErrors().isEmpty()) {
                errors.putAll(problem.fieldErrors());
            } else {
                model.addAttribute("error", Organisations.failure(reply));
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("name", errors.isEmpty() ? "" : name);
        model.addAttribute("chosenScopes", Set.copyOf(chosen));
        return render(model, user);
    }

    @PostMapping("/enterprise/api-clients/{clientId}/rotate")
    String rotate(@PathVariable String clientId, @RequestParam(defaultValue = "24") int overlapHours, Model model,
                  HttpServletResponse response) {
        CurrentUser user = organisations.admin();
        if (clientId.matches(CLIENT_ID) && overlapHours >= 0 && overlapHours <= 168) {
            Reply<EnterpriseViews.IssuedClient> reply = downstream.send(Service.ENTERPRISE, HttpMethod.POST,
                    Map.of("overlapHours", overlapHours), EnterpriseViews.IssuedClient.class,
                    "/api/enterprise/organisations/{id}/api-clients/{clientId}/rotation", user.organisation(), clientId);
            if (reply.ok()) {
                response.setHeader("Cache-Control", "no-store");
                model.addAttribute("issued", reply.body());
            } else {
                model.addAttribute("error", Organisations.failure(reply));
            }
        } else {
            model.addAttribute("error", "The overlap must be between 0 and 168 hours.");
        }
        return render(model, user);
    }

    @PostMapping("/enterprise/api-clients/{clientId}/revoke")
    String revoke(@PathVariable String clientId, @RequestParam(defaultValue = "") String reason, Model model) {
        CurrentUser user = organisations.admin();
        if (clientId.matches(CLIENT_ID)) {
            Reply<Object> reply = downstream.send(Service.ENTERPRISE, HttpMethod.POST,
                    Map.of("reason", reason.length() > 300 ? reason.substring(0, 300) : reason), Object.class,
                    "/api/enterprise/organisations/{id}/api-clients/{clientId}/revocation", user.organisation(), clientId);
            model.addAttribute(reply.ok() ? "message" : "error", reply.ok()
                    ? "Client " + clientId + " is revoked: its secrets no longer work." : Organisations.failure(reply));
        }
        return render(model, user);
    }

    private String render(Model model, CurrentUser user) {
        Reply<List<EnterpriseViews.ApiClient>> reply = downstream.get(Service.ENTERPRISE,
                new ParameterizedTypeReference<>() {
                }, "/api/enterprise/organisations/{id}/api-clients", user.organisation());
        model.addAttribute("panel", reply.toPanel(List::isEmpty));
        model.addAttribute("scopes", SCOPES);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
            model.addAttribute("name", "");
            model.addAttribute("chosenScopes", Set.of("signals:read"));
        }
        return "enterprise/api-clients :: api-clients-panel";
    }
}
