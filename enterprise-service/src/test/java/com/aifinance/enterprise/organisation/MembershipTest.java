package com.aifinance.enterprise.organisation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.enterprise.EnterpriseTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipTest extends EnterpriseTest {

    @Test
    void openingAnOrganisationPublishesItAndInvitesTheOwnerWhoJoinsAsOwner() {
        UUID organisation = createOrganisation("enterprise", 5, "Founder@Globex.example");

        assertThat(events("organisation.created", organisation)).singleElement().satisfies(event -> {
            assertThat(event.get("tier").asString()).isEqualTo("enterprise");
            assertThat(event.get("seatLimit").asInt()).isEqualTo(5);
        });
        JsonNode invitation = notifications("invitation", "founder@globex.example").getFirst();
        assertThat(invitation.get("channel").asString()).isEqualTo("email");
        assertThat(invitation.get("params").get("role").asString()).isEqualTo("owner");

        Response joined = accept("founder@globex.example", "user-founder-" + organisation);

        assertThat(joined.json().get("role").asString()).isEqualTo("owner");
        assertThat(events("member.added", organisation)).singleElement().satisfies(event -> {
            assertThat(event.get("userId").asString()).isEqualTo("user-founder-" + organisation);
            assertThat(event.get("roleClaim").asString()).isEqualTo("org_owner");
        });
    }

    @Test
    void onlyAHashOfTheInvitationTokenIsStored() {
        UUID organisation = createOrganisation("enterprise", 5, "hash-check@globex.example");
        String token = invitationToken("hash-check@globex.example");

        byte[] stored = jdbc.sql("select token_hash from invitations where organisation_id = ?").param(organisation)
                .query(byte[].class).single();

        assertThat(stored).isEqualTo(Membership.hash(token)).hasSize(32);
        assertThat(jdbc.sql("select count(*) from invitations where encode(token_hash, 'escape') like ?")
                .param("%" + token + "%").query(Long.class).single()).isZero();
    }

    @Test
    void anExpiredInvitationIsRefusedAndTheAttemptIsAudited() {
        Org org = organisationWithMembers(10);
        post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "late@acme.example", "role", "analyst"));
        String token = invitationToken("late@acme.example");

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        Response response = post("/api/enterprise/invitations/accept", userToken("user-late"), Map.of("token", token));

        assertThat(response.status()).isEqualTo(410);
        assertThat(response.body()).contains("problems/invitation-expired");
        assertThat(jdbc.sql("select count(*) from members where user_id = 'user-late'").query(Long.class).single())
                .isZero();
        assertThat(audit(org.id(), "invitation.expired_use")).hasSize(1);
    }

    @Test
    void anInvitationWorksOnceAndAWithdrawnOneNotAtAll() {
        Org org = organisationWithMembers(10);
        String token = invitationToken(jdbc.sql("select email from members where user_id = ?").param(org.analyst())
                .query(String.class).single());
        Response reused = post("/api/enterprise/invitations/accept", userToken("user-reuse"), Map.of("token", token));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body()).contains("problems/invitation-used");

        Response invited = post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "withdrawn@acme.example", "role", "analyst"));
        String withdrawn = invitationToken("withdrawn@acme.example");
        assertThat(delete("/api/enterprise/organisations/" + org.id() + "/invitations/"
                + invited.json().get("id").asString(), org.adminToken()).status()).isEqualTo(204);

        Response refused = post("/api/enterprise/invitations/accept", userToken("user-withdrawn"),
                Map.of("token", withdrawn));
        assertThat(refused.status()).isEqualTo(410);
        assertThat(refused.body()).contains("problems/invitation-revoked");
    }

    @Test
    void anInvitationForAnotherAddressIsRefusedWhenTheTokenNamesTheUsersEmail() {
        Org org = organisationWithMembers(10);
        post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "intended@acme.example", "role", "analyst"));
        String intercepted = com.aifinance.common.testsupport.TestJwts.token().subject("user-interceptor")
                .tier("none").roles("subscriber").claims(Map.of("email", "interceptor@evil.example")).sign();

        Response response = post("/api/enterprise/invitations/accept", intercepted,
                Map.of("token", invitationToken("intended@acme.example")));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("problems/invitation-email-mismatch");
    }

    @Test
    void invitingBeyondTheSeatLimitIsRefusedCountingOpenInvitations() {
        Org org = organisationWithMembers(5);   // four members hold four seats
        Response fifth = post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "fifth@acme.example", "role", "analyst"));
        assertThat(fifth.status()).isEqualTo(201);

        Response sixth = post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "sixth@acme.example", "role", "analyst"));

        assertThat(sixth.status()).isEqualTo(409);
        assertThat(sixth.body()).contains("problems/seat-limit-reached").contains("\"seatLimit\":5")
                .contains("\"seatsUsed\":5");
        Response organisation = get("/api/enterprise/organisations/" + org.id(), org.analystToken());
        assertThat(organisation.json().get("members").asInt()).isEqualTo(4);
        assertThat(organisation.json().get("openInvitations").asInt()).isEqualTo(1);
    }

    @Test
    void acceptingIntoAFullOrganisationIsRefused() {
        Org org = organisationWithMembers(5);
        post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "squeezed@acme.example", "role", "analyst"));
        // the invitation holds the fifth seat; a member joining outside it (ops moves a seat) fills the organisation
        jdbc.sql("insert into members (organisation_id, user_id, email, role, joined_at) values (?, ?, ?, 'analyst', now())")
                .params(org.id(), "user-extra-" + org.id(), "extra-" + org.id() + "@acme.example").update();

        Response response = post("/api/enterprise/invitations/accept", userToken("user-squeezed"),
                Map.of("token", invitationToken("squeezed@acme.example")));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).contains("problems/seat-limit-reached");
    }

    @Test
    void removingAMemberPublishesMemberRemovedSoTheirSessionsAreRevoked() {
        Org org = organisationWithMembers(10);

        Response removed = delete("/api/enterprise/organisations/" + org.id() + "/members/" + org.analyst(),
                org.adminToken());

        assertThat(removed.status()).isEqualTo(204);
        assertThat(events("member.removed", org.id())).singleElement().satisfies(event -> {
            assertThat(event.get("userId").asString()).isEqualTo(org.analyst());
            assertThat(event.get("role").asString()).isEqualTo("analyst");
        });
        List<Map<String, Object>> audited = audit(org.id(), "member.removed");
        assertThat(audited).singleElement().satisfies(row -> {
            assertThat(row.get("actor_subject")).isEqualTo(org.admin());
            assertThat(String.valueOf(row.get("before"))).contains(org.analyst());
            assertThat(row.get("after")).isNull();
        });
        assertThat(get("/api/enterprise/organisations/" + org.id() + "/members", org.ownerToken()).body())
                .doesNotContain(org.analyst());
    }

    @Test
    void theLastOwnerCannotBeRemovedOrDemotedAndAdminsCannotTouchOwners() {
        Org org = organisationWithMembers(10);

        Response byAdmin = delete("/api/enterprise/organisations/" + org.id() + "/members/" + org.owner(),
                org.adminToken());
        assertThat(byAdmin.status()).isEqualTo(403);

        Response demoted = put("/api/enterprise/organisations/" + org.id() + "/members/" + org.owner() + "/role",
                org.ownerToken(), Map.of("role", "admin"));
        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.body()).contains("problems/last-owner");

        Response promoted = put("/api/enterprise/organisations/" + org.id() + "/members/" + org.admin() + "/role",
                org.ownerToken(), Map.of("role", "owner"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(events("member.role_changed", org.id())).singleElement().satisfies(event -> {
            assertThat(event.get("role").asString()).isEqualTo("owner");
            assertThat(event.get("previousRole").asString()).isEqualTo("admin");
        });
    }

    @Test
    void anAnalystAttemptingAnAdminActionIsRefusedAndAudited() {
        Org org = organisationWithMembers(10);

        Response invite = post("/api/enterprise/organisations/" + org.id() + "/invitations", org.analystToken(),
                Map.of("email", "friend@acme.example", "role", "admin"));
        Response remove = delete("/api/enterprise/organisations/" + org.id() + "/members/" + org.billing(),
                org.analystToken());

        assertThat(invite.status()).isEqualTo(403);
        assertThat(invite.body()).contains("problems/forbidden");
        assertThat(remove.status()).isEqualTo(403);
        assertThat(audit(org.id(), "access.refused")).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("actor_subject")).isEqualTo(org.analyst());
            assertThat(row.get("outcome")).isEqualTo("refused");
            assertThat(String.valueOf(row.get("after"))).contains("\"reason\": \"role\"");
        });
        assertThat(notifications("invitation", "friend@acme.example")).isEmpty();
    }

    @Test
    void aMemberOfOneOrganisationCannotReadOrChangeAnotherAndIsAudited() {
        Org a = organisationWithMembers(10);
        Org b = organisationWithMembers(10);

        Response read = get("/api/enterprise/organisations/" + b.id() + "/members", a.ownerToken());
        Response invite = post("/api/enterprise/organisations/" + b.id() + "/invitations", a.ownerToken(),
                Map.of("email", "mole@evil.example", "role", "owner"));
        // B's member addressed through A's own organisation path: not found, and recorded as an attempt on B
        Response remove = delete("/api/enterprise/organisations/" + a.id() + "/members/" + b.analyst(),
                a.ownerToken());

        assertThat(read.status()).isEqualTo(403);
        assertThat(invite.status()).isEqualTo(403);
        assertThat(remove.status()).isEqualTo(404);
        assertThat(get("/api/enterprise/organisations/" + b.id() + "/members", b.ownerToken()).body())
                .contains(b.analyst());
        List<Map<String, Object>> attempts = audit(b.id(), "access.refused");
        assertThat(attempts).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("actor_subject")).isEqualTo(a.owner());
            assertThat(row.get("actor_organisation")).isEqualTo(a.id().toString());
            assertThat(String.valueOf(row.get("after"))).contains("other_organisation");
        });
    }

    @Test
    void theOrganisationComesFromTheTokenNotFromTheRequest() {
        Org a = organisationWithMembers(10);
        Org b = organisationWithMembers(10);

        Response current = get("/api/enterprise/organisations/current?organisationId=" + b.id(), a.analystToken());

        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().get("id").asString()).isEqualTo(a.id().toString());
    }

    @Test
    void onlyPlatformStaffOpenOrganisationsOrChangeSeatLimits() {
        Org org = organisationWithMembers(10);

        Response open = post("/api/enterprise/organisations", org.ownerToken(), Map.of("name", "Mine",
                "slug", "mine-" + org.id().toString().substring(0, 6), "tier", "enterprise", "seatLimit", 1000,
                "ownerEmail", "me@acme.example"));
        Response seats = call("PATCH", "/api/enterprise/organisations/" + org.id(), org.ownerToken(),
                Map.of("seatLimit", 1000), Map.of());
        Response lowered = call("PATCH", "/api/enterprise/organisations/" + org.id(), ops, Map.of("seatLimit", 2),
                Map.of());

        assertThat(open.status()).isEqualTo(403);
        assertThat(seats.status()).isEqualTo(403);
        assertThat(lowered.status()).isEqualTo(409);
        assertThat(call("PATCH", "/api/enterprise/organisations/" + org.id(), ops, Map.of("seatLimit", 12), Map.of())
                .json().get("seatLimit").asInt()).isEqualTo(12);
    }

    @Test
    void invalidRequestsAreValidationProblems() {
        Org org = organisationWithMembers(10);

        Response badRole = post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "x@acme.example", "role", "superuser"));
        Response badEmail = post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "not an address", "role", "analyst"));
        Response badSlug = post("/api/enterprise/organisations", ops, Map.of("name", "X", "slug", "Bad Slug!",
                "tier", "enterprise", "seatLimit", 3, "ownerEmail", "o@x.example"));

        assertThat(List.of(badRole, badEmail, badSlug)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("problems/validation");
        });
    }

    @Test
    void platformServicesLookUpAUsersOrganisationAndRole() {
        Org org = organisationWithMembers(10);

        Response found = get("/api/enterprise/internal/members/" + org.billing(), serviceToken("subscription-service"));
        Response refused = get("/api/enterprise/internal/members/" + org.billing(), org.ownerToken());

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("organisationId").asString()).isEqualTo(org.id().toString());
        assertThat(found.json().get("role").asString()).isEqualTo("billing");
        assertThat(refused.status()).isEqualTo(403);
    }
}
