package com.aifinance.dashboard.enterprise;

import java.util.List;
import java.util.Map;

import com.aifinance.dashboard.layout.PageNotFoundException;
import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
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

/** Support: the organisation's support tier and account manager, tickets with their SLA clocks, replies. */
@PageController
class SupportController {

    private static final String UUID = "[0-9a-fA-F-]{36}";

    record TicketForm(@NotBlank(message = "Enter a subject") @Size(max = 200, message = "At most 200 characters") String subject,
                      @NotBlank(message = "Describe the problem") @Size(max = 10_000, message = "At most 10,000 characters") String description,
                      @NotBlank(message = "Choose a priority") @Pattern(regexp = "low|normal|high|urgent", message = "Choose low, normal, high or urgent") String priority) {
    }

    record ReplyForm(@NotBlank(message = "Write a reply") @Size(max = 10_000, message = "At most 10,000 characters") String body) {
    }

    private final Downstream downstream;
    private final Organisations organisations;

    SupportController(Downstream downstream, Organisations organisations) {
        this.downstream = downstream;
        this.organisations = organisations;
    }

    @GetMapping("/enterprise/support")
    String page(Model model) {
        organisations.member();
        model.addAttribute("section", "enterprise");
        model.addAttribute("tab", "support");
        return "enterprise/support";
    }

    @GetMapping("/enterprise/panels/support")
    String supportPanel(Model model) {
        CurrentUser user = organisations.member();
        Reply<EnterpriseViews.Support> reply = downstream.get(Service.ENTERPRISE, EnterpriseViews.Support.class,
                "/api/enterprise/organisations/{id}/support", user.organisation());
        model.addAttribute("panel", reply.toPanel());
        return "enterprise/support :: support-panel";
    }

    @GetMapping("/enterprise/panels/tickets")
    String ticketsPanel(Model model) {
        model.addAttribute("form", new TicketForm("", "", "normal"));
        return tickets(model, organisations.member());
    }

    @PostMapping("/enterprise/tickets")
    String open(@Valid @ModelAttribute("form") TicketForm form, BindingResult errors, Model model) {
        CurrentUser user = organisations.member();
        if (!errors.hasErrors()) {
            Reply<EnterpriseViews.Ticket> reply = downstream.send(Service.ENTERPRISE, HttpMethod.POST,
                    Map.of("subject", form.subject().strip(), "description", form.description(),
                            "priority", form.priority()),
                    EnterpriseViews.Ticket.class, "/api/enterprise/organisations/{id}/support/tickets",
                    user.organisation());
            if (reply.ok()) {
                model.addAttribute("message", "Ticket #" + reply.body().number() + " is open; we reply within the "
                        + "first-response target of your support tier.");
                model.addAttribute("form", new TicketForm("", "", "normal"));
            } else if (reply instanceof Reply.Refused<?>(var problem) && !problem.fieldErrors().isEmpty()) {
                problem.fieldErrors().forEach((field, message) -> errors.rejectValue(
                        List.of("subject", "description", "priority").contains(field) ? field : "subject", "invalid",
                        message));
            } else {
                model.addAttribute("error", Organisations.failure(reply));
            }
        }
        return tickets(model, user);
    }

    @GetMapping("/enterprise/support/{ticketId}")
    String ticketPage(@PathVariable String ticketId, Model model) {
        organisations.member();
        if (!ticketId.matches(UUID)) {
            throw new PageNotFoundException("There is no ticket " + ticketId + ".");
        }
        model.addAttribute("ticketId", ticketId);
        model.addAttribute("section", "enterprise");
        model.addAttribute("tab", "support");
        return "enterprise/ticket";
    }

    @GetMapping("/enterprise/support/{ticketId}/panel")
    String ticketPanel(@PathVariable String ticketId, Model model) {
        model.addAttribute("replyForm", new ReplyForm(""));
        return ticket(model, organisations.member(), ticketId);
    }

    @PostMapping("/enterprise/support/{ticketId}/messages")
    String reply(@PathVariable String ticketId, @Valid @ModelAttribute("replyForm") ReplyForm form,
                 BindingResult errors, Model model) {
        CurrentUser user = organisations.member();
        if (ticketId.matches(UUID) && !errors.hasErrors()) {
            Reply<Object> reply = downstream.send(Service.ENTERPRISE, HttpMethod.POST, Map.of("body", form.body()),
                    Object.class, "/api/enterprise/organisations/{id}/support/tickets/{ticketId}/messages",
                    user.organisation(), ticketId);
            if (reply.ok()) {
                model.addAttribute("message", "Reply sent.");
                model.addAttribute("replyForm", new ReplyForm(""));
            } else {
                model.addAttribute("error", Organisations.failure(reply));
            }
        }
        return ticket(model, user, ticketId);
    }

    @PostMapping("/enterprise/support/{ticketId}/resolve")
    String resolve(@PathVariable String ticketId, Model model) {
        CurrentUser user = organisations.member();
        if (ticketId.matches(UUID)) {
            Reply<Object> reply = downstream.send(Service.ENTERPRISE, HttpMethod.POST, Map.of(), Object.class,
                    "/api/enterprise/organisations/{id}/support/tickets/{ticketId}/resolution", user.organisation(),
                    ticketId);
            model.addAttribute(reply.ok() ? "message" : "error", reply.ok() ? "Marked as resolved."
                    : Organisations.failure(reply));
        }
        model.addAttribute("replyForm", new ReplyForm(""));
        return ticket(model, user, ticketId);
    }

    private String tickets(Model model, CurrentUser user) {
        Reply<List<EnterpriseViews.Ticket>> reply = downstream.get(Service.ENTERPRISE,
                new ParameterizedTypeReference<>() {
                }, "/api/enterprise/organisations/{id}/support/tickets", user.organisation());
        model.addAttribute("panel", reply.toPanel(List::isEmpty));
        return "enterprise/support :: tickets-panel";
    }

    private String ticket(Model model, CurrentUser user, String ticketId) {
        if (!ticketId.matches(UUID)) {
            model.addAttribute("panel", com.aifinance.dashboard.platform.Panel.notFound("There is no such ticket."));
        } else {
            Reply<EnterpriseViews.Ticket> reply = downstream.get(Service.ENTERPRISE, EnterpriseViews.Ticket.class,
                    "/api/enterprise/organisations/{id}/support/tickets/{ticketId}", user.organisation(), ticketId);
            model.addAttribute("panel", reply.toPanel());
        }
        model.addAttribute("ticketId", ticketId);
        return "enterprise/ticket :: ticket-panel";
    }
}
