package com.aifinance.enterprise.organisation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.aifinance.common.events.Outbox;
import com.aifinance.enterprise.EnterpriseTest;
import com.aifinance.enterprise.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class DemoOrganisationTest extends EnterpriseTest {

    @Autowired Organisations organisations;
    @Autowired Members members;
    @Autowired AuditLog audit;
    @Autowired Outbox outbox;
    @Autowired TransactionTemplate transactions;

    @TempDir Path local;

    @Test
    void theIdentityProvidersDemoOrganisationIsOpenedWithItsAdminSeatedOnce() throws Exception {
        UUID organisation = UUID.randomUUID();
        String admin = "demo-admin-" + organisation;
        String subscriber = "demo-subscriber-" + organisation;
        Files.createDirectories(local.resolve("data"));
        Files.writeString(local.resolve("data/demo-credentials.json"), """
                {"users": [
                  {"role": "pro", "email": "pro@demo.example", "userId": "%s", "roles": ["subscriber"]},
                  {"role": "enterprise_admin", "email": "admin@demo.example", "userId": "%s",
                   "roles": ["subscriber", "org_admin"], "organisationId": "%s"}
                ]}""".formatted(subscriber, admin, organisation));
        DemoOrganisation demo = new DemoOrganisation(organisations, members, audit, outbox, transactions, JSON, clock,
                local.toString());

        demo.run(null);
        demo.run(null);

        Response seen = get("/api/enterprise/organisations/" + organisation + "/members",
                memberToken(admin, organisation, "org_admin"));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().findValues("userId")).extracting(JsonNode::asString).containsExactly(admin);
        assertThat(seen.json().findValues("role")).extracting(JsonNode::asString).containsExactly("admin");
        assertThat(members.findAnywhere(subscriber)).isEmpty();
        assertThat(events("organisation.created", organisation)).hasSize(1);
        assertThat(audit(organisation, "member.added")).hasSize(1);
    }

    @Test
    void withoutTheCredentialsFileNothingIsCreated() throws Exception {
        long before = jdbcCount();
        new DemoOrganisation(organisations, members, audit, outbox, transactions, JSON, clock, local.toString())
                .run(null);
        assertThat(jdbcCount()).isEqualTo(before);
    }

    private long jdbcCount() {
        return jdbc.sql("select count(*) from organisations").query(Long.class).single();
    }
}
