package com.aifinance.enterprise.allowlist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrganisationAccess;
import com.aifinance.enterprise.access.Permission;
import com.aifinance.enterprise.network.Cidr;
import com.aifinance.enterprise.organisation.Organisations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/enterprise")
@Tag(name = "IP allowlists", description = "IPv4 and IPv6 ranges an organisation's users and API clients may come from")
class AllowlistController {

    private final Allowlists allowlists;
    private final AllowlistAdministration administration;
    private final Organisations organisations;
    private final OrganisationAccess access;

    AllowlistController(Allowlists allowlists, AllowlistAdministration administration, Organisations organisations,
                        OrganisationAccess access) {
        this.allowlists = allowlists;
        this.administration = administration;
        this.organisations = organisations;
        this.access = access;
    }

    @GetMapping("/organisations/{organisationId}/allowlist")
    @Operation(summary = "The organisation's allowlist, and whether the caller's own address is in it")
    AllowlistView allowlist(@PathVariable UUID organisationId) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SECURITY);
        organisations.require(organisationId);
        return view(allowlists.find(organisationId)
                .orElse(new Allowlist(organisationId, List.of(), 0, null, null)), actor);
    }

    @PutMapping("/organisations/{organisationId}/allowlist")
    @Operation(summary = "Replace the organisation's allowlist",
            description = "Owners and admins. Entries are IPv4 or IPv6 CIDR (a bare address is one host), stored in "
                    + "canonical form; malformed, host-bits-set, duplicate and overlapping entries are refused (400). "
                    + "A list without the caller's address is refused (409 allowlist-lockout) unless confirmLockout "
                    + "is true. Publishes allowlist.changed for the gateway.")
    AllowlistView replace(@PathVariable UUID organisationId, @Valid @RequestBody AllowlistRequests.Replace request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SECURITY);
        return view(administration.replace(actor, organisationId, request), actor);
    }

    @GetMapping("/allowlists")
    @Operation(summary = "Every organisation's current allowlist (platform services)",
            description = "For the gateway at start-up; afterwards it follows allowlist.changed. Organisations "
                    + "without a list have no restriction and are left out.")
    List<GatewayAllowlist> all() {
        access.requireService("allowlists.read");
        return allowlists.allNonEmpty().stream()
                .map(list -> new GatewayAllowlist(list.organisationId(), list.cidrs(), list.version(), list.updatedAt()))
                .toList();
    }

    private AllowlistView view(Allowlist list, Actor actor) {
        boolean allowed = list.entries().isEmpty() || AllowlistAdministration.allows(list.entries().stream()
                .map(entry -> new AllowlistRules.Parsed(Cidr.parse(entry.cidr()), entry.label())).toList(),
                actor.address());
        return new AllowlistView(list.organisationId(), list.entries(), list.version(), list.updatedAt(),
                list.updatedBy(), actor.address(), allowed);
    }

    record AllowlistView(UUID organisationId, List<Allowlist.Entry> entries, long version, Instant updatedAt,
                         String updatedBy, String yourAddress, boolean yourAddressAllowed) {
    }

    record GatewayAllowlist(UUID organisationId, List<String> cidrs, long version, Instant updatedAt) {
    }
}
