package com.aifinance.enterprise.organisation;

import java.util.List;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/enterprise")
@Tag(name = "Members", description = "Who holds a seat, with which role")
class MemberController {

    private final Members members;
    private final Membership membership;
    private final OrganisationAccess access;

    MemberController(Members members, Membership membership, OrganisationAccess access) {
        this.members = members;
        this.membership = membership;
        this.access = access;
    }

    @GetMapping("/organisations/{organisationId}/members")
    @Operation(summary = "The organisation's members", description = "Any member of it, and platform staff.")
    List<Member> members(@PathVariable UUID organisationId) {
        access.require(organisationId, Permission.VIEW_ORGANISATION);
        return members.of(organisationId);
    }

    @PutMapping("/organisations/{organisationId}/members/{userId}/role")
    @Operation(summary = "Change a member's role", description = "Owners and admins; only an owner grants or takes "
            + "away the owner role; the last owner stays. Publishes member.role_changed.")
    Member changeRole(@PathVariable UUID organisationId, @PathVariable String userId,
                      @Valid @RequestBody OrganisationRequests.ChangeRole request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_MEMBERS);
        return membership.changeRole(actor, organisationId, userId, request.orgRole());
    }

    @DeleteMapping("/organisations/{organisationId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member", description = "Owners and admins. Publishes member.removed, on which "
            + "subscription-service revokes the user's sessions and refresh tokens.")
    void remove(@PathVariable UUID organisationId, @PathVariable String userId) {
        Actor actor = access.require(organisationId, Permission.MANAGE_MEMBERS);
        membership.remove(actor, organisationId, userId);
    }

    @GetMapping("/internal/members/{userId}")
    @Operation(summary = "A user's organisation and role (platform services)",
            description = "For subscription-service when it issues tokens: the org and roles claims.")
    Member membership(@PathVariable String userId) {
        access.requireService("member.lookup");
        return members.findAnywhere(userId).orElseThrow(() -> ApiProblem.notFound("Membership of " + userId));
    }
}
