package com.aifinance.subscription.authserver;

import java.util.UUID;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventHandler;
import com.aifinance.subscription.account.Memberships;
import com.aifinance.subscription.federation.SsoDomains;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The one consumer of {@code aifa.enterprise} here: institutional clients, organisation membership, SSO domains and
 * organisations' MFA policies.
 */
@Component
class EnterpriseEvents implements EventHandler {

    private final InstitutionalClients institutionalClients;
    private final Memberships memberships;
    private final SsoDomains ssoDomains;
    private final SessionRevocation revocation;
    private final OrganisationMfaPolicies mfaPolicies;

    EnterpriseEvents(InstitutionalClients institutionalClients, Memberships memberships, SsoDomains ssoDomains,
                     SessionRevocation revocation, OrganisationMfaPolicies mfaPolicies) {
        this.mfaPolicies = mfaPolicies;
        this.institutionalClients = institutionalClients;
        this.memberships = memberships;
        this.ssoDomains = ssoDomains;
        this.revocation = revocation;
    }

    @Override
    public void handle(EventEnvelope event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "api_client.created", "api_client.rotated", "api_client.revoked" -> institutionalClients.apply(event);
            case "member.added", "member.role_changed" -> memberships.join(text(data, "userId"), text(data, "email"),
                    UUID.fromString(data.path("organisationId").asString()), text(data, "role"), "enterprise-service");
            case "member.removed" -> memberships.leave(text(data, "userId"), text(data, "email"),
                            UUID.fromString(data.path("organisationId").asString()), "enterprise-service")
                    // a removed member keeps no way to get new tokens: sessions and refresh tokens end now
                    .ifPresent(userId -> revocation.revokeAll(userId, "member_removed", "enterprise-service"));
            case "sso.configured" -> ssoDomains.apply(event);
            // members' next login (or token refresh) asks for the second factor when the policy requires it
            case "mfa_policy.changed" -> mfaPolicies.apply(event);
            default -> {
                // other enterprise events are not ours to act on
            }
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
