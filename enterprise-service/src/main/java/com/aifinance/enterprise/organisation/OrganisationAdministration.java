package com.aifinance.enterprise.organisation;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrgRole;
import com.aifinance.enterprise.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Platform staff open organisations (the owner is invited at once) and change their plan seat limit. */
@Service
class OrganisationAdministration {

    private final Organisations organisations;
    private final Membership membership;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;

    OrganisationAdministration(Organisations organisations, Membership membership, AuditLog audit, Outbox outbox,
                               Clock clock) {
        this.organisations = organisations;
        this.membership = membership;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    Organisation create(Actor actor, OrganisationRequests.Create request) {
        if (organisations.slugTaken(request.slug())) {
            throw ApiProblem.conflict("The slug " + request.slug() + " is taken.");
        }
        Instant now = clock.instant();
        Organisation organisation = new Organisation(UUID.randomUUID(), request.name().strip(), request.slug(),
                request.tier(), request.seatLimit(), now, now);
        organisations.insert(organisation);
        outbox.publish(EventStreams.ENTERPRISE, "organisation.created", OrganisationEvents.subject(organisation.id()),
                new OrganisationEvents.OrganisationCreated(organisation.id().toString(), organisation.name(),
                        organisation.tier(), organisation.seatLimit()));
        audit.record(actor, organisation.id(), "organisation.created", organisation.slug(), null, organisation);
        membership.invite(actor, organisation.id(), request.ownerEmail(), OrgRole.OWNER);
        return organisation;
    }

    /** A lower seat limit than the seats already held is refused: nobody is removed behind the customer's back. */
    @Transactional
    Organisation update(Actor actor, UUID organisationId, OrganisationRequests.Update request) {
        Organisation before = organisations.lock(organisationId);
        String name = request.name() == null ? before.name() : request.name().strip();
        int seatLimit = request.seatLimit() == null ? before.seatLimit() : request.seatLimit();
        if (request.seatLimit() != null && organisations.contractSeatsToday(organisationId).isEmpty()) {
            Membership.SeatUsage usage = membership.seats(before);
            if (seatLimit < usage.used()) {
                throw ApiProblem.conflict(usage.used() + " seats are in use (members and open invitations); "
                        + "free some before lowering the limit to " + seatLimit + ".");
            }
        }
        Organisation after = new Organisation(before.id(), name, before.slug(), before.tier(), seatLimit,
                before.createdAt(), clock.instant());
        organisations.update(after);
        audit.record(actor, organisationId, "organisation.updated", before.slug(), before, after);
        return after;
    }
}
