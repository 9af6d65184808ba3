package com.aifinance.enterprise.audit;

import java.time.Instant;
import java.util.Map;

import com.aifinance.enterprise.EnterpriseTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogTest extends EnterpriseTest {

    @Test
    void theAuditLogCannotBeChangedOrDeletedEvenByTheService() {
        Org org = organisationWithMembers(10);

        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor_subject = 'nobody' where organisation_id = ?")
                .param(org.id()).update()).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where organisation_id = ?").param(org.id()).update())
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update()).hasStackTraceContaining("append-only");
        assertThat(audit(org.id(), "member.added")).hasSize(4);
    }

    @Test
    void everyAdministrativeActionRecordsWhoWhatWhenFromWhereBeforeAndAfter() {
        Org org = organisationWithMembers(10);

        call("PUT", "/api/enterprise/organisations/" + org.id() + "/members/" + org.analyst() + "/role",
                org.adminToken(), Map.of("role", "billing"), Map.of("X-Forwarded-For", "198.51.100.23"));

        JsonNode entry = get("/api/enterprise/organisations/" + org.id() + "/audit?action=member.role_changed",
                org.ownerToken()).json().get("items").get(0);
        assertThat(entry.get("actorSubject").asString()).isEqualTo(org.admin());
        assertThat(entry.get("actorRoles").asString()).isEqualTo("org_admin");
        assertThat(entry.get("actorAddress").asString()).isEqualTo("198.51.100.23");
        assertThat(entry.get("target").asString()).isEqualTo(org.analyst());
        assertThat(entry.get("before").get("role").asString()).isEqualTo("analyst");
        assertThat(entry.get("after").get("role").asString()).isEqualTo("billing");
        assertThat(Instant.parse(entry.get("occurredAt").asString())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void theLogFiltersByActorActionPrefixAndTimeAndPages() {
        Org org = organisationWithMembers(10);
        String base = "/api/enterprise/organisations/" + org.id() + "/audit";

        JsonNode byActor = get(base + "?actor=" + org.owner() + "&action=invitation.*", org.ownerToken()).json();
        JsonNode future = get(base + "?from=" + Instant.now().plusSeconds(3600), org.ownerToken()).json();
        JsonNode firstPage = get(base + "?size=2&page=0", org.ownerToken()).json();
        JsonNode secondPage = get(base + "?size=2&page=1", org.ownerToken()).json();

        assertThat(byActor.get("total").asLong()).isEqualTo(3);   // the owner invited admin, analyst and billing
        assertThat(byActor.get("items")).allSatisfy(item ->
                assertThat(item.get("action").asString()).isEqualTo("invitation.sent"));
        assertThat(future.get("total").asLong()).isZero();
        assertThat(firstPage.get("items")).hasSize(2);
        assertThat(firstPage.get("total").asLong()).isGreaterThanOrEqualTo(9);
        assertThat(secondPage.get("items").get(0).get("id").asLong())
                .isLessThan(firstPage.get("items").get(1).get("id").asLong());
        assertThat(get(base + "?action=DROP%20TABLE", org.ownerToken()).status()).isEqualTo(400);
    }

    @Test
    void theCsvExportEscapesFormulasAndIsItselfAudited() {
        Org org = organisationWithMembers(10);
        post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "=1+2@acme.example", "role", "analyst"));

        Response csv = get("/api/enterprise/organisations/" + org.id() + "/audit/export?action=invitation.sent",
                org.ownerToken());

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,occurred_at,organisation_id,actor_subject");
        assertThat(lines).hasSize(6);   // header, the owner's invitation by ops, three by the owner, one by the admin
        assertThat(csv.body()).contains(",'=1+2@acme.example,").doesNotContain(",=1+2@acme.example");
        assertThat(audit(org.id(), "audit.exported")).hasSize(1);
    }

    @Test
    void analystsAndOtherOrganisationsCannotReadTheLog() {
        Org org = organisationWithMembers(10);
        Org other = organisationWithMembers(10);

        assertThat(get("/api/enterprise/organisations/" + org.id() + "/audit", org.analystToken()).status())
                .isEqualTo(403);
        assertThat(get("/api/enterprise/organisations/" + org.id() + "/audit/export", other.ownerToken()).status())
                .isEqualTo(403);
        assertThat(get("/api/enterprise/audit?organisationId=" + org.id(), org.ownerToken()).status()).isEqualTo(403);
        assertThat(get("/api/enterprise/audit?organisationId=" + org.id() + "&action=access.refused", ops).json()
                .get("total").asLong()).isEqualTo(3);   // the analyst, the other owner, and the owner above
    }
}
