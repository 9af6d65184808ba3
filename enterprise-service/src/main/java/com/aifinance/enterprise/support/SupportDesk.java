package com.aifinance.enterprise.support;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrganisationAccess;
import com.aifinance.enterprise.audit.AuditLog;
import com.aifinance.enterprise.notification.Notifications;
import com.aifinance.enterprise.organisation.Member;
import com.aifinance.enterprise.organisation.Members;
import com.aifinance.enterprise.organisation.Organisation;
import com.aifinance.enterprise.organisation.Organisations;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support tiers, account managers and tickets. A ticket's clocks start when it is opened, with the targets of the
 * organisation's tier at that moment; the first reply from platform staff stops the first-response clock and
 * resolving it stops the resolution clock.
 */
@Service
class SupportDesk {

    private final SupportRecords records;
    private final Organisations organisations;
    private final Members members;
    private final OrganisationAccess access;
    private final Notifications notifications;
    private final SupportProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final MeterRegistry meters;

    SupportDesk(SupportRecords records, Organisations organisations, Members members, OrganisationAccess access,
                Notifications notifications, SupportProperties properties, AuditLog audit, Clock clock,
                MeterRegistry meters) {
        this.records = records;
        this.organisations = organisations;
        this.members = members;
        this.access = access;
        this.notifications = notifications;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
    }

    /** Organisations without settings get Enterprise support: both organisation tiers are paid at that level. */
    SupportRecords.Settings settings(UUID organisationId) {
        organisations.require(organisationId);
        return records.settings(organisationId).orElse(new SupportRecords.Settings(SupportTier.ENTERPRISE, null));
    }

    @Transactional
    SupportRecords.Settings setTier(Actor actor, UUID organisationId, SupportTier tier) {
        organisations.lock(organisationId);
        SupportRecords.Settings before = settings(organisationId);
        // a dedicated account manager is an Enterprise promise; a lower tier gives the assignment up
        SupportRecords.Settings after = new SupportRecords.Settings(tier,
                tier == SupportTier.ENTERPRISE ? before.accountManager() : null);
        records.saveSettings(organisationId, after, clock.instant(), actor.subject());
        audit.record(actor, organisationId, "support.tier_changed", null, before, after);
        return after;
    }

    @Transactional
    SupportRecords.Settings assignManager(Actor actor, UUID organisationId, SupportRequests.AssignManager request) {
        organisations.lock(organisationId);
        SupportRecords.Settings before = settings(organisationId);
        if (before.tier() != SupportTier.ENTERPRISE) {
            throw ApiProblem.conflict("Account managers are part of Enterprise support; this organisation has "
                    + before.tier().code() + ".");
        }
        SupportRecords.Settings after = new SupportRecords.Settings(before.tier(), new SupportRecords.AccountManager(
                request.name().strip(), request.email().strip().toLowerCase(Locale.ROOT), request.phone(),
                request.userId()));
        records.saveSettings(organisationId, after, clock.instant(), actor.subject());
        audit.record(actor, organisationId, "support.account_manager_assigned", request.email(), before, after);
        return after;
    }

    @Transactional
    void removeManager(Actor actor, UUID organisationId) {
        organisations.lock(organisationId);
        SupportRecords.Settings before = settings(organisationId);
        SupportRecords.Settings after = new SupportRecords.Settings(before.tier(), null);
        records.saveSettings(organisationId, after, clock.instant(), actor.subject());
        audit.record(actor, organisationId, "support.account_manager_removed", null, before, after);
    }

    @Transactional
    Ticket open(Actor actor, UUID organisationId, SupportRequests.Open request) {
        Organisation organisation = organisations.require(organisationId);
        SupportRecords.Settings settings = settings(organisationId);
        SupportTier tier = settings.tier();
        Instant now = clock.instant();
        String email = members.find(organisationId, actor.subject()).map(Member::email).orElse(actor.email());
        Ticket ticket = records.insert(new Ticket(UUID.randomUUID(), 0, organisationId, request.subject().strip(),
                request.description().strip(), request.priority(), tier, actor.subject(), email, now,
                now.plus(tier.firstResponseFor(request.priority())), now.plus(tier.resolutionFor(request.priority())),
                null, null, null, null));
        Map<String, Object> params = params(ticket, organisation, "opened");
        Notifications.Priority priority = tier == SupportTier.BASIC && !"urgent".equals(ticket.priority())
                ? Notifications.Priority.NORMAL : Notifications.Priority.HIGH;
        for (String desk : staffRecipients(settings)) {
            notifications.email("support_ticket", desk, null, params, priority);
        }
        if (email != null) {
            notifications.email("support_ticket", email, actor.subject(), params(ticket, organisation, "received"),
                    Notifications.Priority.NORMAL);
        }
        audit.record(actor, organisationId, "support.ticket_opened", "#" + ticket.number(), null,
                Map.of("subject", ticket.subject(), "priority", ticket.priority(), "tier", tier.code(),
                        "firstResponseDue", ticket.firstResponseDue().toString()));
        meters.counter("enterprise_support_tickets_opened_total", "tier", tier.code(), "priority", ticket.priority())
                .increment();
        return ticket;
    }

    /** A reply; the first one from platform staff stops the first-response clock. */
    @Transactional
    Ticket reply(Actor actor, UUID organisationId, UUID ticketId, String body) {
        Ticket ticket = own(actor, organisationId, ticketId);
        if (ticket.resolvedAt() != null) {
            throw ApiProblem.conflict("Ticket #" + ticket.number() + " is resolved; open a new one.");
        }
        Instant now = clock.instant();
        boolean fromStaff = actor.isOps();
        records.insertMessage(ticketId, new SupportRecords.Message(UUID.randomUUID(), actor.subject(), fromStaff,
                body.strip(), now));
        Organisation organisation = organisations.require(organisationId);
        if (fromStaff) {
            records.markFirstResponse(ticketId, now);
            if (ticket.openedByEmail() != null) {
                notifications.email("support_ticket", ticket.openedByEmail(), ticket.openedBy(),
                        params(ticket, organisation, "answered"), Notifications.Priority.NORMAL);
            }
        } else {
            for (String desk : staffRecipients(settings(organisationId))) {
                notifications.email("support_ticket", desk, null, params(ticket, organisation, "customer_replied"),
                        Notifications.Priority.NORMAL);
            }
        }
        return records.find(ticketId).orElseThrow();
    }

    @Transactional
    Ticket resolve(Actor actor, UUID organisationId, UUID ticketId) {
        Ticket ticket = own(actor, organisationId, ticketId);
        records.markResolved(ticketId, clock.instant());
        Ticket resolved = records.find(ticketId).orElseThrow();
        audit.record(actor, organisationId, "support.ticket_resolved", "#" + ticket.number(),
                Map.of("status", ticket.status()), Map.of("status", resolved.status()));
        return resolved;
    }

    Ticket ticket(Actor actor, UUID organisationId, UUID ticketId) {
        return own(actor, organisationId, ticketId);
    }

    private Ticket own(Actor actor, UUID organisationId, UUID ticketId) {
        Ticket ticket = records.find(ticketId).orElseThrow(() -> ApiProblem.notFound("Ticket " + ticketId));
        if (!ticket.organisationId().equals(organisationId)) {
            throw actor.isOps() ? ApiProblem.notFound("Ticket " + ticketId)
                    : access.foreignResource(actor, ticket.organisationId(), "Ticket " + ticketId);
        }
        return ticket;
    }

    /** The support desk, and the account manager when the organisation has one. */
    Set<String> staffRecipients(SupportRecords.Settings settings) {
        Set<String> recipients = new LinkedHashSet<>();
        recipients.add(properties.deskEmail());
        if (settings.accountManager() != null) {
            recipients.add(settings.accountManager().email());
        }
        return recipients;
    }

    static Map<String, Object> params(Ticket ticket, Organisation organisation, String event) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("event", event);
        params.put("ticketNumber", ticket.number());
        params.put("ticketId", ticket.id().toString());
        params.put("organisationName", organisation.name());
        params.put("subject", ticket.subject());
        params.put("priority", ticket.priority());
        params.put("supportTier", ticket.tier().code());
        params.put("firstResponseDue", ticket.firstResponseDue().toString());
        params.put("resolutionDue", ticket.resolutionDue().toString());
        return params;
    }
}
