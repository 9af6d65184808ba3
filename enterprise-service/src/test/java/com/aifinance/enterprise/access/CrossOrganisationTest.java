package com.aifinance.enterprise.access;

import java.util.List;
import java.util.Map;

import com.aifinance.enterprise.EnterpriseTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every organisation-scoped endpoint, called by the owner of another organisation: refused, audited, unchanged. */
class CrossOrganisationTest extends EnterpriseTest {

    record Call(String method, String path, Object body) {
    }

    @Test
    void anOwnerOfOneOrganisationIsRefusedEverywhereInAnotherAndEveryAttemptIsAudited() {
        Org attacker = organisationWithMembers(10);
        Org victim = organisationWithMembers(10);
        String base = "/api/enterprise/organisations/" + victim.id();
        List<Call> calls = List.of(
                new Call("GET", base, null),
                new Call("GET", base + "/members", null),
                new Call("PUT", base + "/members/" + victim.owner() + "/role", Map.of("role", "analyst")),
                new Call("DELETE", base + "/members/" + victim.admin(), null),
                new Call("POST", base + "/invitations", Map.of("email", "mole@evil.example", "role", "owner")),
                new Call("GET", base + "/invitations", null),
                new Call("GET", base + "/allowlist", null),
                new Call("PUT", base + "/allowlist", Map.of("entries", List.of(Map.of("cidr", "0.0.0.0/0")))),
                new Call("GET", base + "/api-clients", null),
                new Call("POST", base + "/api-clients", Map.of("name", "x", "scopes", List.of("signals:read"))),
                new Call("GET", base + "/sso", null),
                new Call("PUT", base + "/sso", Map.of("issuer", "https://evil.example", "clientId", "x",
                        "clientSecret", "y", "emailDomain", "evil.example")),
                new Call("PUT", base + "/mfa-policy", Map.of("mfaRequired", false)),
                new Call("GET", base + "/branding", null),
                new Call("PUT", base + "/branding", Map.of("displayName", "Hacked")),
                new Call("DELETE", base + "/branding/logo", null),
                new Call("GET", base + "/contracts", null),
                new Call("GET", base + "/audit", null),
                new Call("GET", base + "/audit/export", null),
                new Call("GET", base + "/support", null),
                new Call("GET", base + "/support/tickets", null),
                new Call("POST", base + "/support/tickets", Map.of("subject", "x", "description", "y",
                        "priority", "low")));

        for (Call call : calls) {
            Response response = call(call.method(), call.path(), attacker.ownerToken(), call.body(),
                    Map.of("X-Forwarded-For", "203.0.113.66"));
            assertThat(response.status()).as(call.method() + " " + call.path()).isEqualTo(403);
            assertThat(response.body()).contains("problems/forbidden");
        }

        assertThat(audit(victim.id(), "access.refused")).hasSize(calls.size()).allSatisfy(row -> {
            assertThat(row.get("actor_subject")).isEqualTo(attacker.owner());
            assertThat(row.get("actor_address")).isEqualTo("203.0.113.66");
            assertThat(String.valueOf(row.get("after"))).contains("other_organisation");
        });
        assertThat(get(base + "/members", victim.ownerToken()).json()).hasSize(4);
        assertThat(get(base + "/branding", victim.ownerToken()).json().get("displayName").asString())
                .isNotEqualTo("Hacked");
        assertThat(events("allowlist.changed", victim.id())).isEmpty();
        assertThat(events("member.role_changed", victim.id())).isEmpty();
    }
}
