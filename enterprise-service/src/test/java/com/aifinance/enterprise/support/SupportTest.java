package com.aifinance.enterprise.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.enterprise.EnterpriseTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SupportTest extends EnterpriseTest {

    /** Each test's own account manager, so their notifications are told apart. */
    private final String managerEmail = "priya.raman+" + UUID.randomUUID().toString().substring(0, 8) + "@aifinance.example";
    private final Map<String, Object> manager = Map.of("name", "Priya Raman", "email", managerEmail,
            "phone", "+442071234567");

    @Autowired
    SlaMonitor monitor;

    @Autowired
    MeterRegistry meters;

    @Test
    void eachTierOffersItsChannelsAndEnterpriseHasAPhoneLineAndAccountManager() {
        Org org = organisationWithMembers(10);

        JsonNode enterprise = get(path(org), org.analystToken()).json();
        put(path(org) + "/account-manager", ops, manager);
        JsonNode managed = get(path(org), org.analystToken()).json();
        JsonNode basic = put(path(org) + "/tier", ops, Map.of("tier", "basic")).json();

        assertThat(enterprise.get("tier").asString()).isEqualTo("enterprise");
        assertThat(enterprise.get("phone").asString()).isEqualTo("+18005550100");
        assertThat(enterprise.get("firstResponseTarget").asString()).isEqualTo("PT4H");
        assertThat(managed.get("accountManager").get("name").asString()).isEqualTo("Priya Raman");
        assertThat(basic.get("channels").valueStream().map(JsonNode::asString)).containsExactly("email");
        assertThat(basic.get("firstResponseTarget").asString()).isEqualTo("PT24H");
        assertThat(basic.get("phone").isNull()).isTrue();
        assertThat(basic.get("accountManager").isNull()).isTrue();
        assertThat(put(path(org) + "/account-manager", ops, manager).status()).isEqualTo(409);
        assertThat(audit(org.id(), "support.account_manager_assigned")).hasSize(1);
    }

    @Test
    void onlyPlatformStaffSetTiersAndAssignAccountManagers() {
        Org org = organisationWithMembers(10);

        assertThat(put(path(org) + "/tier", org.ownerToken(), Map.of("tier", "enterprise")).status()).isEqualTo(403);
        assertThat(put(path(org) + "/account-manager", org.adminToken(), manager).status()).isEqualTo(403);
        assertThat(put(path(org) + "/account-manager", ops, Map.of("name", "X", "email", "x@y.example",
                "phone", "020 7123 4567")).status()).isEqualTo(400);
    }

    @Test
    void aTicketStartsItsClocksFromTheTierAndNotifiesTheDeskAndAccountManager() {
        Org org = organisationWithMembers(10);
        put(path(org) + "/account-manager", ops, manager);
        Instant before = clock.instant();

        Response opened = post(path(org) + "/tickets", org.analystToken(), Map.of("subject", "Signals delayed",
                "description", "Crypto signals arrive 20 minutes late since 09:00 UTC.", "priority", "urgent"));

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        JsonNode ticket = opened.json();
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        Instant due = Instant.parse(ticket.get("firstResponse").get("due").asString());
        assertThat(due).isBetween(before.plus(Duration.ofMinutes(59)), before.plus(Duration.ofMinutes(61)));
        assertThat(Instant.parse(ticket.get("resolution").get("due").asString()))
                .isBetween(before.plus(Duration.ofHours(11)), before.plus(Duration.ofHours(13)));
        List<JsonNode> toManager = notifications("support_ticket", managerEmail);
        assertThat(toManager).singleElement().satisfies(n -> {
            assertThat(n.get("params").get("event").asString()).isEqualTo("opened");
            assertThat(n.get("priority").asString()).isEqualTo("high");
        });
        assertThat(notifications("support_ticket", "support@aifinance.agency")).isNotEmpty();
    }

    @Test
    void aBreachedClockAlertsOnceWithAMetricAndAStaffReplyInTimeDoesNot() {
        Org org = organisationWithMembers(10);
        put(path(org) + "/account-manager", ops, manager);
        put(path(org) + "/tier", ops, Map.of("tier", "enterprise"));
        String late = post(path(org) + "/tickets", org.ownerToken(), Map.of("subject", "API 500s",
                "description", "Our risk engine gets 500s.", "priority", "high")).json().get("id").asString();
        String answered = post(path(org) + "/tickets", org.ownerToken(), Map.of("subject", "Invoice question",
                "description", "Which PO number?", "priority", "normal")).json().get("id").asString();
        post(path(org) + "/tickets/" + answered + "/messages", ops, Map.of("body", "PO 4711, thanks."));
        double breachesBefore = breaches("first_response");

        clock.advance(Duration.ofHours(4).plusMinutes(1));
        monitor.check();
        monitor.check();

        JsonNode lateTicket = get(path(org) + "/tickets/" + late, org.ownerToken()).json();
        JsonNode answeredTicket = get(path(org) + "/tickets/" + answered, org.ownerToken()).json();
        assertThat(lateTicket.get("firstResponse").get("breached").asBoolean()).isTrue();
        assertThat(answeredTicket.get("firstResponse").get("breached").asBoolean()).isFalse();
        assertThat(answeredTicket.get("status").asString()).isEqualTo("responded");
        assertThat(answeredTicket.get("messages").get(0).get("fromStaff").asBoolean()).isTrue();
        assertThat(notifications("support_ticket", managerEmail).stream()
                .filter(n -> "sla_breached".equals(n.get("params").get("event").asString())))
                .singleElement().satisfies(n -> {
                    assertThat(n.get("params").get("slaClock").asString()).isEqualTo("first_response");
                    assertThat(n.get("priority").asString()).isEqualTo("high");
                });
        assertThat(breaches("first_response") - breachesBefore).isEqualTo(1.0);
        assertThat(meters.get("enterprise_support_tickets_in_breach").gauge().value()).isGreaterThanOrEqualTo(1.0);
        assertThat(get("/api/enterprise/support/tickets?breached=true", ops).json().valueStream()
                .map(t -> t.get("id").asString())).contains(late).doesNotContain(answered);
        assertThat(audit(org.id(), "support.sla_breached")).hasSize(1);
    }

    @Test
    void aResolvedTicketStopsItsClocksAndTakesNoMoreReplies() {
        Org org = organisationWithMembers(10);
        put(path(org) + "/tier", ops, Map.of("tier", "basic"));
        String id = post(path(org) + "/tickets", org.billingToken(), Map.of("subject", "Receipt",
                "description", "Please resend.", "priority", "low")).json().get("id").asString();

        JsonNode resolved = post(path(org) + "/tickets/" + id + "/resolution", org.billingToken(), null).json();
        clock.advance(Duration.ofDays(6));
        monitor.check();

        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(resolved.get("resolution").get("remaining").isNull()).isTrue();
        assertThat(get(path(org) + "/tickets/" + id, org.billingToken()).json().get("resolution").get("breached")
                .asBoolean()).isFalse();
        assertThat(post(path(org) + "/tickets/" + id + "/messages", org.billingToken(), Map.of("body", "Thanks"))
                .status()).isEqualTo(409);
    }

    @Test
    void anotherOrganisationsTicketsCannotBeReadOrAnswered() {
        Org org = organisationWithMembers(10);
        Org other = organisationWithMembers(10);
        String id = post(path(org) + "/tickets", org.ownerToken(), Map.of("subject", "Confidential",
                "description", "Our positions.", "priority", "normal")).json().get("id").asString();

        assertThat(get(path(org) + "/tickets/" + id, other.ownerToken()).status()).isEqualTo(403);
        assertThat(get(path(other) + "/tickets/" + id, other.ownerToken()).status()).isEqualTo(404);
        assertThat(post(path(other) + "/tickets/" + id + "/messages", other.ownerToken(), Map.of("body", "hi"))
                .status()).isEqualTo(404);
        assertThat(get("/api/enterprise/support/tickets", org.ownerToken()).status()).isEqualTo(403);
        assertThat(audit(org.id(), "access.refused")).hasSize(4);
    }

    private double breaches(String clockName) {
        var counter = meters.find("enterprise_support_sla_breaches_total").tags("tier", "enterprise", "clock", clockName)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String path(Org org) {
        return "/api/enterprise/organisations/" + org.id() + "/support";
    }
}
