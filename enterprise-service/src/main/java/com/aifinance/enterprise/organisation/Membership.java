package com.aifinance.enterprise.organisation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrgRole;
import com.aifinance.enterprise.access.OrganisationAccess;
import com.aifinance.enterprise.audit.AuditLog;
import com.aifinance.enterprise.notification.Notifications;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seats and who holds them: invitations, joining, role changes and removal. Every change locks the organisation
 * row, so two invitations cannot both take the last seat.
 */
@Service
class Membership {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Organisations organisations;
    private final Members members;
    private final Invitations invitations;
    private final InvitationProperties properties;
    private final OrganisationAccess access;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Notifications notifications;
    private final Clock clock;
    private final MeterRegistry meters;

    Membership(Organisations organisations, Members members, Invitations invitations, InvitationProperties properties,
               OrganisationAccess access, AuditLog audit, Outbox outbox, Notifications notifications, Clock clock,
               MeterRegistry meters) {
        this.organisations = organisations;
        this.members = members;
        this.invitations = invitations;
        this.properties = properties;
        this.access = access;
        this.audit = audit;
        this.outbox = outbox;
        this.notifications = notifications;
        this.clock = clock;
        this.meters = meters;
    }

    record SeatUsage(int limit, int members, int openInvitations) {

        int used() {
            return members + openInvitations;
        }
    }

    SeatUsage seats(Organisation organisation) {
        return new SeatUsage(organisations.seatLimit(organisation), members.count(organisation.id()),
                invitations.countOpen(organisation.id(), clock.instant()));
    }

    /** Sends an invitation; the organisation must have a free seat (members plus open invitations). */
    @Transactional
    Invitation invite(Actor actor, UUID organisationId, String rawEmail, OrgRole role) {
        Organisation organisation = organisations.lock(organisationId);
        String email = rawEmail.strip().toLowerCase(Locale.ROOT);
        if (role == OrgRole.OWNER && !actor.isOps() && !actor.holds(OrgRole.OWNER)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                    "Only an owner can invite another owner.");
        }
        if (members.emailTaken(organisationId, email)) {
            throw new ApiProblem(HttpStatus.CONFLICT, OrganisationProblems.ALREADY_A_MEMBER, "Already a member",
                    email + " is already a member of this organisation.");
        }
        Instant now = clock.instant();
        // an address re-invited gets a fresh link; its old one stops working and frees its seat
        invitations.revokeOpenFor(organisationId, email, now);
        SeatUsage seats = seats(organisation);
        if (seats.used() + 1 > seats.limit()) {
            meters.counter("enterprise_seat_limit_refusals_total").increment();
            throw OrganisationProblems.seatLimitReached(seats.limit(), seats.used());
        }
        String token = newToken();
        Invitation invitation = new Invitation(UUID.randomUUID(), organisationId, email, role, actor.subject(), now,
                now.plus(properties.validFor()), null, null, null);
        invitations.insert(invitation, hash(token));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("organisationName", organisation.name());
        params.put("role", role.code());
        params.put("acceptUrl", properties.acceptUrl() + token);
        params.put("expiresAt", invitation.expiresAt().toString());
        params.put("invitedByEmail", actor.email());
        notifications.email("invitation", email, null, params, Notifications.Priority.NORMAL);
        audit.record(actor, organisationId, "invitation.sent", email, null, view(invitation));
        meters.counter("enterprise_invitations_sent_total").increment();
        return invitation;
    }

    /** The invited user, authenticated by their own token, takes the seat the e-mailed token held. */
    @Transactional(noRollbackFor = ApiProblem.class)
    Member accept(Actor actor, String token) {
        byte[] tokenHash = hash(token);
        UUID organisationId = invitations.findByTokenHash(tokenHash).map(Invitation::organisationId)
                .orElseThrow(() -> ApiProblem.notFound("The invitation"));
        // the organisation first, then the invitation: the same lock order as invite(), so the two cannot deadlock
        Organisation organisation = organisations.lock(organisationId);
        Invitation invitation = invitations.lockByTokenHash(tokenHash)
                .orElseThrow(() -> ApiProblem.notFound("The invitation"));
        Instant now = clock.instant();
        if (invitation.acceptedAt() != null) {
            throw new ApiProblem(HttpStatus.CONFLICT, OrganisationProblems.INVITATION_USED, "Invitation used",
                    "This invitation has already been accepted.");
        }
        if (invitation.revokedAt() != null) {
            throw new ApiProblem(HttpStatus.GONE, OrganisationProblems.INVITATION_REVOKED, "Invitation revoked",
                    "This invitation was withdrawn; ask an administrator for a new one.");
        }
        if (!now.isBefore(invitation.expiresAt())) {
            audit.record(actor, invitation.organisationId(), "invitation.expired_use", invitation.email(), null,
                    Map.of("expiredAt", invitation.expiresAt().toString()));
            throw new ApiProblem(HttpStatus.GONE, OrganisationProblems.INVITATION_EXPIRED, "Invitation expired",
                    "This invitation expired at " + invitation.expiresAt() + "; ask an administrator for a new one.");
        }
        // when the identity provider tells us the user's e-mail, it must be the invited one
        if (actor.email() != null && !actor.email().equalsIgnoreCase(invitation.email())) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, OrganisationProblems.INVITATION_EMAIL_MISMATCH,
                    "Invitation is for someone else", "This invitation was sent to another e-mail address.");
        }
        members.findAnywhere(actor.subject()).ifPresent(existing -> {
            throw new ApiProblem(HttpStatus.CONFLICT, OrganisationProblems.ALREADY_A_MEMBER, "Already a member",
                    "You already belong to an organisation; leave it first.");
        });
        int limit = organisations.seatLimit(organisation);
        int current = members.count(organisation.id());
        if (current + 1 > limit) {
            meters.counter("enterprise_seat_limit_refusals_total").increment();
            throw OrganisationProblems.seatLimitReached(limit, current);
        }
        Member member = new Member(organisation.id(), actor.subject(), invitation.email(), invitation.role(), now,
                invitation.invitedBy());
        members.insert(member);
        invitations.markAccepted(invitation.id(), actor.subject(), now);
        outbox.publish(EventStreams.ENTERPRISE, "member.added", OrganisationEvents.subject(organisation.id()),
                OrganisationEvents.MemberChanged.of(member, null));
        audit.record(actor, organisation.id(), "member.added", member.userId(), null, member);
        return member;
    }

    @Transactional
    void revokeInvitation(Actor actor, UUID organisationId, UUID invitationId) {
        organisations.lock(organisationId);
        Invitation invitation = invitations.find(invitationId)
                .filter(found -> found.organisationId().equals(organisationId))
                .orElseThrow(() -> foreign(actor, invitations.find(invitationId).map(Invitation::organisationId)
                        .orElse(null), "Invitation " + invitationId));
        if (!invitation.isOpen(clock.instant())) {
            throw ApiProblem.conflict("The invitation is already " + invitation.status(clock.instant()) + ".");
        }
        invitations.markRevoked(invitationId, clock.instant());
        audit.record(actor, organisationId, "invitation.revoked", invitation.email(), view(invitation), null);
    }

    List<Invitation> invitationsOf(UUID organisationId) {
        return invitations.of(organisationId);
    }

    @Transactional
    Member changeRole(Actor actor, UUID organisationId, String userId, OrgRole role) {
        organisations.lock(organisationId);
        Member member = memberOf(actor, organisationId, userId);
        if ((role == OrgRole.OWNER || member.role() == OrgRole.OWNER) && !actor.isOps() && !actor.holds(OrgRole.OWNER)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                    "Only an owner can make someone owner or change an owner's role.");
        }
        if (member.role() == role) {
            return member;
        }
        if (member.role() == OrgRole.OWNER && members.countWithRole(organisationId, OrgRole.OWNER) == 1) {
            throw OrganisationProblems.lastOwner();
        }
        Member changed = member.withRole(role);
        members.updateRole(changed);
        outbox.publish(EventStreams.ENTERPRISE, "member.role_changed", OrganisationEvents.subject(organisationId),
                OrganisationEvents.MemberChanged.of(changed, member.role().code()));
        audit.record(actor, organisationId, "member.role_changed", userId, member, changed);
        return changed;
    }

    /**
     * Frees the seat. {@code member.removed} tells subscription-service to revoke the user's sessions and refresh
     * tokens, so access ends within one access-token lifetime at most.
     */
    @Transactional
    void remove(Actor actor, UUID organisationId, String userId) {
        organisations.lock(organisationId);
        Member member = memberOf(actor, organisationId, userId);
        if (member.role() == OrgRole.OWNER && !actor.isOps() && !actor.holds(OrgRole.OWNER)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                    "Only an owner can remove an owner.");
        }
        if (member.role() == OrgRole.OWNER && members.countWithRole(organisationId, OrgRole.OWNER) == 1) {
            throw OrganisationProblems.lastOwner();
        }
        members.delete(member);
        outbox.publish(EventStreams.ENTERPRISE, "member.removed", OrganisationEvents.subject(organisationId),
                OrganisationEvents.MemberChanged.of(member, null));
        audit.record(actor, organisationId, "member.removed", userId, member, null);
    }

    private Member memberOf(Actor actor, UUID organisationId, String userId) {
        return members.find(organisationId, userId).orElseThrow(() -> foreign(actor,
                members.findAnywhere(userId).map(Member::organisationId).orElse(null), "Member " + userId));
    }

    /** Not found here; if it exists in another organisation, that is an attempt on it and is audited. */
    private ApiProblem foreign(Actor actor, UUID ownerOrganisation, String what) {
        if (ownerOrganisation != null && !actor.isOps()) {
            return access.foreignResource(actor, ownerOrganisation, what);
        }
        return ApiProblem.notFound(what);
    }

    static Map<String, Object> view(Invitation invitation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", invitation.id().toString());
        view.put("email", invitation.email());
        view.put("role", invitation.role().code());
        view.put("expiresAt", invitation.expiresAt().toString());
        return view;
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
