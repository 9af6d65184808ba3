package com.aifinance.enterprise.organisation;

import java.time.Clock;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/enterprise")
@Tag(name = "Invitations", description = "Joining an organisation by an e-mailed, expiring token")
class InvitationController {

    private final Membership membership;
    private final OrganisationAccess access;
    private final Clock clock;

    InvitationController(Membership membership, OrganisationAccess access, Clock clock) {
        this.membership = membership;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping("/organisations/{organisationId}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite someone by e-mail", description = "Owners and admins (only owners invite owners). "
            + "Needs a free seat: members plus open invitations stay within the seat limit. The token goes only "
            + "into the e-mail (notification.requested, template invitation); it is not returned here.")
    InvitationView invite(@PathVariable UUID organisationId, @Valid @RequestBody OrganisationRequests.Invite request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_MEMBERS);
        return view(membership.invite(actor, organisationId, request.email(), request.orgRole()));
    }

    @GetMapping("/organisations/{organisationId}/invitations")
    @Operation(summary = "The organisation's invitations, newest first")
    List<InvitationView> invitations(@PathVariable UUID organisationId) {
        access.require(organisationId, Permission.MANAGE_MEMBERS);
        return membership.invitationsOf(organisationId).stream().map(this::view).toList();
    }

    @DeleteMapping("/organisations/{organisationId}/invitations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraw an open invitation (frees its seat)")
    void revoke(@PathVariable UUID organisationId, @PathVariable UUID invitationId) {
        Actor actor = access.require(organisationId, Permission.MANAGE_MEMBERS);
        membership.revokeInvitation(actor, organisationId, invitationId);
    }

    @PostMapping("/invitations/accept")
    @Operation(summary = "Accept an invitation with the e-mailed token",
            description = "The signed-in user joins with the invited role; expired (410), withdrawn (410) or used "
                    + "(409) tokens are refused, and so is a full organisation (409). Publishes member.added.")
    Member accept(@Valid @RequestBody OrganisationRequests.Accept request) {
        Actor actor = access.currentActor();
        return membership.accept(actor, request.token());
    }

    private InvitationView view(Invitation invitation) {
        return new InvitationView(invitation.id(), invitation.email(), invitation.role().code(),
                invitation.status(clock.instant()), invitation.invitedBy(), invitation.createdAt(),
                invitation.expiresAt(), invitation.acceptedAt());
    }

    record InvitationView(UUID id, String email, String role, String status, String invitedBy, Instant createdAt,
                          Instant expiresAt, Instant acceptedAt) {
    }
}
