package com.aifinance.enterprise.access;

import java.util.Set;
import java.util.UUID;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.enterprise.network.ClientAddresses;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one place that decides whether the caller may act: identity, organisation and roles come from the verified
 * access token ({@link Caller#current()}), never from the request. An organisation id in a path only says which
 * organisation the caller means; it must be the token's. Every refusal is audited and counted.
 */
@Component
public class OrganisationAccess {

    private final ClientAddresses addresses;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    OrganisationAccess(ClientAddresses addresses, ApplicationEventPublisher events, MeterRegistry meters) {
        this.addresses = addresses;
        this.events = events;
        this.meters = meters;
    }

    /** The caller, who must be platform staff or a member of {@code organisationId} whose role grants the permission. */
    public Actor require(UUID organisationId, Permission permission) {
        Actor actor = currentActor();
        if (actor.isOps()) {
            return actor;
        }
        if (permission.roles().isEmpty()) {
            throw refuse(actor, organisationId, permission.name(), "platform_only");
        }
        if (!actor.belongsTo(organisationId)) {
            throw refuse(actor, organisationId, permission.name(), "other_organisation");
        }
        if (!actor.mayAct(permission)) {
            throw refuse(actor, organisationId, permission.name(), "role");
        }
        return actor;
    }

    /** The caller, who must be a member of some organisation (the organisation is the token's). */
    public Actor requireMember(Permission permission) {
        Actor actor = currentActor();
        UUID organisation = actor.organisationId()
                .orElseThrow(() -> refuse(actor, null, permission.name(), "not_a_member"));
        if (!actor.mayAct(permission)) {
            throw refuse(actor, organisation, permission.name(), "role");
        }
        return actor;
    }

    /** The caller, who must be platform staff. */
    public Actor requireOps(Permission permission) {
        Actor actor = currentActor();
        if (!actor.isOps()) {
            throw refuse(actor, actor.organisationId().orElse(null), permission.name(), "platform_only");
        }
        return actor;
    }

    /** The caller, who must be another platform service ({@code client_credentials} token with role {@code service}). */
    public Actor requireService(String attempted) {
        Actor actor = currentActor();
        if (!actor.isService()) {
            throw refuse(actor, actor.organisationId().orElse(null), attempted, "service_only");
        }
        return actor;
    }

    /**
     * A member asked for something by an id that belongs to another organisation: audited as an attempt on that
     * organisation, answered as "not found" so ids of other organisations cannot be probed.
     */
    public ApiProblem foreignResource(Actor actor, UUID ownerOrganisation, String what) {
        record(actor, ownerOrganisation, what, "other_organisation");
        return ApiProblem.notFound(what);
    }

    /** Any authenticated caller. */
    public Actor currentActor() {
        Caller caller = Caller.current().orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED,
                ProblemTypes.UNAUTHORIZED, "Unauthorized", "This resource needs an access token."));
        String email = null;
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt) {
            email = jwt.getToken().getClaimAsString("email");
        }
        return new Actor(caller.subject(), caller.organisation(), Set.copyOf(caller.roles()), currentAddress(), email);
    }

    private String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return addresses.resolve(attributes.getRequest());
        }
        return null;
    }

    private ApiProblem refuse(Actor actor, UUID organisationId, String attempted, String reason) {
        record(actor, organisationId, attempted, reason);
        String detail = switch (reason) {
            case "other_organisation" -> "You can only act on your own organisation.";
            case "role" -> "Your role in the organisation does not allow this.";
            case "not_a_member" -> "You are not a member of an organisation.";
            case "service_only" -> "Only platform services may call this.";
            default -> "Only platform staff may do this.";
        };
        return new ApiProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }

    private void record(Actor actor, UUID organisationId, String attempted, String reason) {
        String method = null;
        String path = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            method = request.getMethod();
            path = request.getRequestURI();
        }
        meters.counter("enterprise_access_refused_total", "reason", reason).increment();
        events.publishEvent(new AccessRefused(actor, organisationId, attempted, reason, method, path));
    }
}
