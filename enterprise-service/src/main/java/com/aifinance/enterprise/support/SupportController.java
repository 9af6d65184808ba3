package com.aifinance.enterprise.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrganisationAccess;
import com.aifinance.enterprise.access.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/enterprise")
@Tag(name = "Support", description = "Support tier, account manager and tickets with SLA clocks")
class SupportController {

    private final SupportDesk desk;
    private final SupportRecords records;
    private final SupportProperties properties;
    private final OrganisationAccess access;
    private final Clock clock;

    SupportController(SupportDesk desk, SupportRecords records, SupportProperties properties,
                      OrganisationAccess access, Clock clock) {
        this.desk = desk;
        this.records = records;
        this.properties = properties;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/organisations/{organisationId}/support")
    @Operation(summary = "The organisation's support: tier, channels, targets, account manager")
    SupportView support(@PathVariable UUID organisationId) {
        access.require(organisationId, Permission.VIEW_ORGANISATION);
        return view(organisationId, desk.settings(organisationId));
    }

    @PutMapping("/organisations/{organisationId}/support/tier")
    @Operation(summary = "Set the support tier (platform staff)")
    SupportView setTier(@PathVariable UUID organisationId, @Valid @RequestBody SupportRequests.SetTier request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SUPPORT);
        return view(organisationId, desk.setTier(actor, organisationId, SupportTier.of(request.tier())));
    }

    @PutMapping("/organisations/{organisationId}/support/account-manager")
    @Operation(summary = "Assign the dedicated account manager (platform staff, Enterprise tier only)")
    SupportView assign(@PathVariable UUID organisationId, @Valid @RequestBody SupportRequests.AssignManager request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SUPPORT);
        return view(organisationId, desk.assignManager(actor, organisationId, request));
    }

    @DeleteMapping("/organisations/{organisationId}/support/account-manager")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove the account manager (platform staff)")
    void unassign(@PathVariable UUID organisationId) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SUPPORT);
        desk.removeManager(actor, organisationId);
    }

    @PostMapping("/organisations/{organisationId}/support/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a ticket", description = "Any member. The SLA clocks start now with the targets of "
            + "the organisation's tier; the desk and the account manager are notified.")
    TicketView open(@PathVariable UUID organisationId, @Valid @RequestBody SupportRequests.Open request) {
        Actor actor = access.require(organisationId, Permission.OPEN_TICKETS);
        return view(desk.open(actor, organisationId, request), false);
    }

    @GetMapping("/organisations/{organisationId}/support/tickets")
    @Operation(summary = "The organisation's tickets, newest first")
    List<TicketView> tickets(@PathVariable UUID organisationId) {
        access.require(organisationId, Permission.VIEW_ORGANISATION);
        return records.of(organisationId).stream().map(ticket -> view(ticket, false)).toList();
    }

    @GetMapping("/organisations/{organisationId}/support/tickets/{ticketId}")
    @Operation(summary = "A ticket with its messages and SLA clocks")
    TicketView ticket(@PathVariable UUID organisationId, @PathVariable UUID ticketId) {
        Actor actor = access.require(organisationId, Permission.VIEW_ORGANISATION);
        return view(desk.ticket(actor, organisationId, ticketId), true);
    }

    @PostMapping("/organisations/{organisationId}/support/tickets/{ticketId}/messages")
    @Operation(summary = "Reply to a ticket", description = "Members and platform staff; the first staff reply "
            + "stops the first-response clock.")
    TicketView reply(@PathVariable UUID organisationId, @PathVariable UUID ticketId,
                     @Valid @RequestBody SupportRequests.Reply request) {
        Actor actor = access.require(organisationId, Permission.OPEN_TICKETS);
        return view(desk.reply(actor, organisationId, ticketId, request.body()), true);
    }

    @PostMapping("/organisations/{organisationId}/support/tickets/{ticketId}/resolution")
    @Operation(summary = "Resolve a ticket (stops the resolution clock)")
    TicketView resolve(@PathVariable UUID organisationId, @PathVariable UUID ticketId) {
        Actor actor = access.require(organisationId, Permission.OPEN_TICKETS);
        return view(desk.resolve(actor, organisationId, ticketId), true);
    }

    @GetMapping("/support/tickets")
    @Operation(summary = "The support desk's queue across organisations (platform staff)",
            description = "Unresolved tickets by what is due first; breached=true for those past an SLA target.")
    List<TicketView> queue(@RequestParam(defaultValue = "false") boolean breached,
                           @RequestParam(defaultValue = "false") boolean includeResolved) {
        access.requireOps(Permission.MANAGE_SUPPORT);
        return records.queue(breached, includeResolved).stream().map(ticket -> view(ticket, false)).toList();
    }

    private SupportView view(UUID organisationId, SupportRecords.Settings settings) {
        SupportTier tier = settings.tier();
        return new SupportView(organisationId, tier, tier.channels, tier.firstResponse, tier.urgentFirstResponse,
                tier.resolution, tier == SupportTier.ENTERPRISE ? properties.phone() : null,
                settings.accountManager());
    }

    private TicketView view(Ticket ticket, boolean withMessages) {
        Instant now = clock.instant();
        return new TicketView(ticket.id(), ticket.number(), ticket.organisationId(), ticket.subject(),
                ticket.description(), ticket.priority(), ticket.status(), ticket.tier(), ticket.openedBy(),
                ticket.openedAt(),
                new SlaClock(ticket.firstResponseDue(), ticket.firstRespondedAt(), ticket.firstResponseBreachedAt() != null,
                        ticket.firstRespondedAt() == null ? Duration.between(now, ticket.firstResponseDue()) : null),
                new SlaClock(ticket.resolutionDue(), ticket.resolvedAt(), ticket.resolutionBreachedAt() != null,
                        ticket.resolvedAt() == null ? Duration.between(now, ticket.resolutionDue()) : null),
                withMessages ? records.messages(ticket.id()) : null);
    }

    record SupportView(UUID organisationId, SupportTier tier, List<String> channels, Duration firstResponseTarget,
                       Duration urgentFirstResponseTarget, Duration resolutionTarget, String phone,
                       SupportRecords.AccountManager accountManager) {
    }

    /** @param remaining time left while the clock runs (negative once overdue), null once stopped */
    record SlaClock(Instant due, Instant metAt, boolean breached, Duration remaining) {
    }

    record TicketView(UUID id, long number, UUID organisationId, String subject, String description, String priority,
                      String status, SupportTier tier, String openedBy, Instant openedAt, SlaClock firstResponse,
                      SlaClock resolution, List<SupportRecords.Message> messages) {
    }
}
