package com.aifinance.dashboard.enterprise;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Panel;
import com.aifinance.dashboard.platform.Reply;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit log (with CSV export) and the contracts. */
@PageController
class RecordsController {

    private static final String ACTION = "[a-z_]{1,40}(\\.[a-z_*]{1,40}){0,3}";

    private final Downstream downstream;
    private final Organisations organisations;

    RecordsController(Downstream downstream, Organisations organisations) {
        this.downstream = downstream;
        this.organisations = organisations;
    }

    @GetMapping("/enterprise/audit")
    String auditPage(@RequestParam(required = false) String action, Model model) {
        organisations.admin();
        model.addAttribute("action", action != null && action.matches(ACTION) ? action : "");
        model.addAttribute("actionError", action != null && !action.isBlank() && !action.matches(ACTION)
                ? "Enter an action such as member.added, or a prefix such as member.*" : null);
        model.addAttribute("section", "enterprise");
        model.addAttribute("tab", "audit");
        return "enterprise/audit";
    }

    @GetMapping("/enterprise/panels/audit")
    String auditPanel(@RequestParam(required = false) String action, @RequestParam(defaultValue = "0") int page,
                      Model model) {
        CurrentUser user = organisations.admin();
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/enterprise/organisations/{id}/audit")
                .queryParam("page", Math.max(0, page)).queryParam("size", 25);
        String filter = action != null && action.matches(ACTION) ? action : null;
        if (filter != null) {
            uri.queryParam("action", filter);
        }
        Reply<EnterpriseViews.AuditPage> reply = downstream.get(Service.ENTERPRISE, EnterpriseViews.AuditPage.class,
                uri.buildAndExpand(user.organisation()).toUriString());
        model.addAttribute("panel", reply.toPanel(found -> found.items() == null || found.items().isEmpty()));
        model.addAttribute("action", filter == null ? "" : filter);
        return "enterprise/audit :: audit-panel";
    }

    @GetMapping("/enterprise/audit/export.csv")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String action) {
        CurrentUser user = organisations.admin();
        String filter = action != null && action.matches(ACTION) ? action : null;
        String uri = "/api/enterprise/organisations/{id}/audit/export" + (filter == null ? "" : "?action=" + filter);
        Reply<Downstream.Download> reply = downstream.download(Service.ENTERPRISE, uri, user.organisation());
        if (reply.ok()) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("audit-" + LocalDate.now(ZoneOffset.UTC) + ".csv").build().toString())
                    .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .body(reply.body().bytes());
        }
        return ResponseEntity.status(reply instanceof Reply.Unavailable<?> ? HttpStatus.SERVICE_UNAVAILABLE
                        : HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN)
                .body(Organisations.failure(reply).getBytes());
    }

    @GetMapping("/enterprise/contracts")
    String contractsPage(Model model) {
        organisations.member();
        model.addAttribute("section", "enterprise");
        model.addAttribute("tab", "contracts");
        return "enterprise/contracts";
    }

    @GetMapping("/enterprise/panels/contracts")
    String contractsPanel(Model model) {
        CurrentUser user = organisations.member();
        if (!user.canSeeContracts()) {
            model.addAttribute("panel", Panel.notAllowed("Contracts are visible to owners, admins and billing members."));
        } else {
            Reply<List<EnterpriseViews.Contract>> reply = downstream.get(Service.ENTERPRISE,
                    new ParameterizedTypeReference<>() {
                    }, "/api/enterprise/organisations/{id}/contracts", user.organisation());
            model.addAttribute("panel", reply.toPanel(List::isEmpty));
        }
        return "enterprise/contracts :: contracts-panel";
    }
}
