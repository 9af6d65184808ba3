package com.aifinance.dashboard.enterprise;

import java.util.List;
import java.util.Map;

import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Reply;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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

/** The organisation, its seats, members (roles) and invitations. */
@PageController
class MembersController {

    static final List<String> ROLES = List.of("owner", "admin", "analyst", "billing");
    private static final String ROLE = "owner|admin|analyst|billing";

    record InviteForm(@NotBlank(message = "Enter an e-mail address") @Email(message = "Enter a valid e-mail address")
                      @Size(max = 320, message = "At most 320 characters") String email,
                      @NotBlank(message = "Choose a role") @Pattern(regexp = ROLE, message = "Choose owner, admin, analyst or billing") String role) {
    }

    private final Downstream downstream;
    private final Organisations organisations;

    MembersController(Downstream downstream, Organisations organisations) {
        this.downstream = downstream;
        this.organisations = organisations;
    }

    @GetMapping("/enterprise")
    String page(Model model) {
        CurrentUser user = organisations.member();
        model.addAttribute("admin", user.isOrganisationAdmin());
        model.addAttribute("section", "enterprise");
        model.addAttribute("tab", "members");
        return "enterprise/members";
    }

    @GetMapping("/enterprise/panels/organisation")
    String organisationPanel(Model model) {
        CurrentUser user = organisations.member();
        Reply<EnterpriseViews.Organisation> reply = downstream.get(Service.ENTERPRISE,
                EnterpriseViews.Organisation.class, "/api/enterprise/organisations/{id}", user.organisation());
        model.addAttribute("panel", reply.toPanel());
        return "enterprise/members :: organisation-panel";
    }

    @GetMapping("/enterprise/panels/members")
    String membersPanel(Model model) {
        return members(model, organisations.member());
    }

    @PostMapping("/enterprise/members/{userId}/role")
    String changeRole(@PathVariable String userId, @RequestParam String role, Model model) {
        CurrentUser user = organisations.admin();
        if (!ROLES.contains(role) || !userId.matches("[A-Za-z0-9._@:-]{1,200}")) {
            model.addAttribute("error", "Choose owner, admin, analyst or billing.");
        } else {
            Reply<Object> reply = downstream.send(Service.ENTERPRISE, HttpMethod.PUT, Map.of("role", role),
                    Object.class, "/api/enterprise/organisations/{id}/members/{userId}/role", user.organisation(),
                    userId);
            model.addAttribute(reply.ok() ? "message" : "error", reply.ok() ? "Role changed to " + role + "."
                    : Organisations.failure(reply));
        }
        return members(model, user);
    }

    @PostMapping("/enterprise/members/{userId}/remove")
    String remove(@PathVariable String userId, Model model) {
        CurrentUser user = organisations.admin();
        if (userId.matches("[A-Za-z0-9._@:-]{1,200}")) {
            Reply<Object> reply = downstream.send(Service.ENTERPRISE, HttpMethod.DELETE, null, Object.class,
                    "/api/enterprise/organisations/{id}/members/{userId}", user.organisation(), userId);
            model.addAttribute(reply.ok() ? "message" : "error", reply.ok()
                    ? "Member removed; their sessions end within minutes." : Organisations.failure(reply));
        }
        return members(model, user);
    }

    @GetMapping("/enterprise/panels/invitations")
    String invitationsPanel(Model model) {
        CurrentUser user = organisations.member();
        model.addAttribute("form", new InviteForm("", "analyst"));
        return invitations(model, user);
    }

    @PostMapping("/enterprise/invitations")
    String invite(@Valid @ModelAttribute("form") InviteForm form, BindingResult errors, Model model) {
        CurrentUser user = organisations.admin();
        if (!errors.hasErrors()) {
            Reply<EnterpriseViews.Invitation> reply = downstream.send(Service.ENTERPRISE, HttpMethod.POST,
                    Map.of("email", form.email().trim(), "role", form.role()), EnterpriseViews.Invitation.class,
                    "/api/enterprise/organisations/{id}/invitations", user.organisation());
            if (reply.ok()) {
                model.addAttribute("message", "Invitation sent to " + form.email().trim() + ".");
                model.addAttribute("form", new InviteForm("", "analyst"));
            } else if (reply instanceof Reply.Refused<?>(var problem) && !problem.fieldErrors().isEmpty()) {
                problem.fieldErrors().forEach((field, message) -> errors.rejectValue(
                        field.equals("role") ? "role" : "email", "invalid", message));
            } else {
                model.addAttribute("error", Organisations.failure(reply));
            }
        }
        return invitations(model, user);
    }

    @PostMapping("/enterprise/invitations/{invitationId}/withdraw")
    String withdraw(@PathVariable String invitationId, Model model) {
        CurrentUser user = organisations.admin();
        if (invitationId.matches("[0-9a-fA-F-]{36}")) {
            Reply<Object> reply = downstream.send(Service.ENTERPRISE, HttpMethod.DELETE, null, Object.class,
                    "/api/enterprise/organisations/{id}/invitations/{invitationId}", user.organisation(), invitationId);
            model.addAttribute(reply.ok() ? "message" : "error", reply.ok() ? "Invitation withdrawn; its seat is free."
                    : Organisations.failure(reply));
        }
        model.addAttribute("form", new InviteForm("", "analyst"));
        return invitations(model, user);
    }

    private String members(Model model, CurrentUser user) {
        Reply<List<EnterpriseViews.Member>> reply = downstream.get(Service.ENTERPRISE,
                new ParameterizedTypeReference<>() {
                }, "/api/enterprise/organisations/{id}/members", user.organisation());
        model.addAttribute("panel", reply.toPanel(List::isEmpty));
        model.addAttribute("admin", user.isOrganisationAdmin());
        model.addAttribute("owner", user.isOrganisationOwner());
        model.addAttribute("me", user.subject());
        model.addAttribute("roles", ROLES);
        return "enterprise/members :: members-panel";
    }

    private String invitations(Model model, CurrentUser user) {
        if (!user.isOrganisationAdmin()) {
            model.addAttribute("panel", com.aifinance.dashboard.platform.Panel.notAllowed(
                    "Owners and admins manage invitations."));
        } else {
            Reply<List<EnterpriseViews.Invitation>> reply = downstream.get(Service.ENTERPRISE,
                    new ParameterizedTypeReference<>() {
                    }, "/api/enterprise/organisations/{id}/invitations", user.organisation());
            model.addAttribute("panel", reply.toPanel(list -> list.stream().noneMatch(i -> "open".equals(i.status()))));
        }
        model.addAttribute("roles", user.isOrganisationOwner() ? ROLES : ROLES.subList(1, ROLES.size()));
        return "enterprise/members :: invitations-panel";
    }
}
