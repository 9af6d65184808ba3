package com.aifinance.enterprise.organisation;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/enterprise/organisations")
@Tag(name = "Organisations", description = "Enterprise and institutional customers and their seats")
class OrganisationController {

    private final Organisations organisations;
    private final OrganisationAdministration administration;
    private final Membership membership;
    private final OrganisationAccess access;

    OrganisationController(Organisations organisations, OrganisationAdministration administration,
                           Membership membership, OrganisationAccess access) {
        this.organisations = organisations;
        this.administration = administration;
        this.membership = membership;
        this.access = access;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open an organisation (platform staff)",
            description = "Publishes organisation.created and e-mails an owner invitation to ownerEmail.")
    OrganisationView create(@Valid @RequestBody OrganisationRequests.Create request) {
        Actor actor = access.requireOps(Permission.MANAGE_ORGANISATIONS);
        return view(administration.create(actor, request));
    }

    @GetMapping
    @Operation(summary = "Every organisation (platform staff)")
    List<OrganisationView> all() {
        access.requireOps(Permission.MANAGE_ORGANISATIONS);
        return organisations.all().stream().map(this::view).toList();
    }

    @GetMapping("/current")
    @Operation(summary = "The caller's own organisation (from the token's org claim)")
    OrganisationView current() {
        Actor actor = access.requireMember(Permission.VIEW_ORGANISATION);
        return view(organisations.require(actor.organisationId().orElseThrow()));
    }

    @GetMapping("/{organisationId}")
    @Operation(summary = "An organisation with its seat usage", description = "Members of it and platform staff.")
    OrganisationView one(@PathVariable UUID organisationId) {
        access.require(organisationId, Permission.VIEW_ORGANISATION);
        return view(organisations.require(organisationId));
    }

    @PatchMapping("/{organisationId}")
    @Operation(summary = "Rename an organisation or change its plan seat limit (platform staff)")
    OrganisationView update(@PathVariable UUID organisationId,
                            @Valid @RequestBody OrganisationRequests.Update request) {
        Actor actor = access.requireOps(Permission.MANAGE_ORGANISATIONS);
        return view(administration.update(actor, organisationId, request));
    }

    private OrganisationView view(Organisation organisation) {
        Membership.SeatUsage seats = membership.seats(organisation);
        return new OrganisationView(organisation.id(), organisation.name(), organisation.slug(), organisation.tier(),
                seats.limit(), organisation.seatLimit(), seats.members(), seats.openInvitations(),
                organisation.createdAt());
    }

    /**
     * @param seatLimit     the limit in force (an active contract's seats, else the plan's)
     * @param planSeatLimit the plan's limit
     */
    record OrganisationView(UUID id, String name, String slug, String tier, int seatLimit, int planSeatLimit,
                            int members, int openInvitations, Instant createdAt) {
    }
}
