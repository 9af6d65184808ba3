package com.aifinance.dashboard.enterprise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Panel;
import com.aifinance.dashboard.platform.Reply;
import org.springframework.http.HttpMethod;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The IP allowlist: one entry per line (a CIDR range or an address, then an optional label). enterprise-service
 * checks each entry strictly; its errors are shown next to the lines they concern.
 */
@PageController
class SecurityController {

    private static final java.util.regex.Pattern ENTRY_FIELD = java.util.regex.Pattern.compile("entries\\[(\\d+)]\\.(\\w+)");
    static final int MAX_LINES = 200;

    private final Downstream downstream;
    private final Organisations organisations;

    SecurityController(Downstream downstream, Organisations organisations) {
        this.downstream = downstream;
        this.organisations = organisations;
    }

    @GetMapping("/enterprise/security")
    String page(Model model) {
        organisations.admin();
        model.addAttribute("section", "enterprise");
        model.addAttribute("tab", "security");
        return "enterprise/security";
    }

    @GetMapping("/enterprise/panels/allowlist")
    String panel(Model model) {
        CurrentUser user = organisations.admin();
        Reply<EnterpriseViews.Allowlist> reply = load(user);
        model.addAttribute("panel", reply.toPanel());
        model.addAttribute("text", reply.ok() ? reply.body().asText() : "");
        return "enterprise/security :: allowlist-panel";
    }

    @PostMapping("/enterprise/allowlist")
    String save(@RequestParam(defaultValue = "") String entries,
                @RequestParam(defaultValue = "false") boolean confirmLockout, Model model) {
        CurrentUser user = organisations.admin();
        List<String> lines = entries.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> lineErrors = new ArrayList<>();
        if (lines.size() > MAX_LINES) {
            lineErrors.add("At most " + MAX_LINES + " entries.");
        }
        List<Map<String, String>> body = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split("\\s+", 2);
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("cidr", parts[0]);
            if (parts.length > 1) {
                entry.put("label", parts[1].length() > 100 ? parts[1].substring(0, 100) : parts[1]);
            }
            body.add(entry);
        }
        if (lineErrors.isEmpty()) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("entries", body);
            request.put("confirmLockout", confirmLockout);
            Reply<EnterpriseViews.Allowlist> reply = downstream.send(Service.ENTERPRISE, HttpMethod.PUT, request,
                    EnterpriseViews.Allowlist.class, "/api/enterprise/organisations/{id}/allowlist", user.organisation());
            switch (reply) {
                case Reply.Ok<EnterpriseViews.Allowlist>(EnterpriseViews.Allowlist saved, int status) -> {
                    model.addAttribute("panel", Panel.ready(saved));
                    model.addAttribute("text", saved.asText());
                    model.addAttribute("message", saved.entries().isEmpty()
                            ? "The allowlist is empty: every address may use your organisation's accounts."
                            : "Saved. The gateway applies the new list within seconds.");
                    return "enterprise/security :: allowlist-panel";
                }
                case Reply.Refused<EnterpriseViews.Allowlist>(var problem) when problem.is("allowlist-lockout") ->
                        model.addAttribute("lockout", true);
                case Reply.Refused<EnterpriseViews.Allowlist>(var problem) -> {
                    for (var error : problem.errors()) {
                        Matcher field = error.field() == null ? null : ENTRY_FIELD.matcher(error.field());
                        if (field != null && field.matches()) {
                            int index = Integer.parseInt(field.group(1));
                            String line = index < lines.size() ? lines.get(index) : "";
                            lineErrors.add("Line " + (index + 1) + " (" + line + "): " + error.message());
                        } else {
                            lineErrors.add(error.message());
                        }
                    }
                    if (lineErrors.isEmpty()) {
                        lineErrors.add(Organisations.failure(reply));
                    }
                }
                case Reply.Unavailable<EnterpriseViews.Allowlist> down ->
                        lineErrors.add(Organisations.failure(reply));
            }
        }
        Reply<EnterpriseViews.Allowlist> current = load(user);
        model.addAttribute("panel", current.toPanel());
        model.addAttribute("text", entries);
        model.addAttribute("lineErrors", lineErrors);
        return "enterprise/security :: allowlist-panel";
    }

    private Reply<EnterpriseViews.Allowlist> load(CurrentUser user) {
        return downstream.get(Service.ENTERPRISE, EnterpriseViews.Allowlist.class,
                "/api/enterprise/organisations/{id}/allowlist", user.organisation());
    }
}
