package com.aifinance.enterprise.contract;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.enterprise.EnterpriseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ContractTest extends EnterpriseTest {

    @Autowired
    ContractLifecycle lifecycle;

    @Test
    void signingPublishesTheContractWithInstalmentsThatAddUpToItsValue() {
        Org org = organisationWithMembers(10);
        LocalDate start = today().plusDays(3);

        Response signed = post(path(org), ops, contract(start, start.plusYears(1).minusDays(1), "quarterly",
                12_000_000L));

        assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        assertThat(signed.json().get("status").asString()).isEqualTo("upcoming");
        JsonNode event = events("contract.signed", org.id()).getFirst();
        assertThat(event.get("annualValueMinor").asLong()).isEqualTo(12_000_000L);
        assertThat(event.get("currency").asString()).isEqualTo("USD");
        assertThat(event.get("startDate").asString()).isEqualTo(start.toString());
        assertThat(event.get("requestQuotaPerMonth").asLong()).isEqualTo(5_000_000L);
        assertThat(event.get("instalments")).hasSize(4).allSatisfy(instalment ->
                assertThat(instalment.get("amountMinor").asLong()).isEqualTo(3_000_000L));
        assertThat(event.get("instalments").get(1).get("invoiceDate").asString())
                .isEqualTo(start.plusMonths(3).toString());
        assertThat(audit(org.id(), "contract.signed")).hasSize(1);
    }

    @Test
    void instalmentsOfAnOddAmountStillSumExactlyToTheTermValue() {
        Org org = organisationWithMembers(10);
        LocalDate start = today().plusDays(1);

        JsonNode view = post(path(org), ops, contract(start, start.plusMonths(18).minusDays(1), "monthly",
                20_000_001L)).json();

        long sum = view.get("instalments").valueStream().mapToLong(i -> i.get("amountMinor").asLong()).sum();
        assertThat(view.get("termMonths").asInt()).isEqualTo(18);
        assertThat(view.get("termValueMinor").asLong()).isEqualTo(30_000_002L);   // 1.5 years, rounded half up
        assertThat(sum).isEqualTo(30_000_002L);
        assertThat(view.get("instalments")).hasSize(18);
    }

    @Test
    void badTermsCurrenciesAndOverlapsAreRefused() {
        Org org = organisationWithMembers(10);
        LocalDate start = today().plusDays(1);
        post(path(org), ops, contract(start, start.plusYears(1).minusDays(1), "annual", 24_000_000L));

        Response partMonth = post(path(org), ops, contract(start.plusYears(2), start.plusYears(3).plusDays(3), "annual", 1L));
        Map<String, Object> badCurrency = contract(start.plusYears(2), start.plusYears(3).minusDays(1), "annual", 1L);
        badCurrency.put("currency", "XYZ");
        Response overlapping = post(path(org), ops, contract(start.plusMonths(6), start.plusMonths(18).minusDays(1),
                "annual", 1L));
        Map<String, Object> negative = contract(start.plusYears(2), start.plusYears(3).minusDays(1), "annual", -5L);

        assertThat(partMonth.status()).isEqualTo(400);
        assertThat(partMonth.body()).contains("whole months");
        assertThat(post(path(org), ops, badCurrency).status()).isEqualTo(400);
        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(post(path(org), ops, negative).body()).contains("problems/validation").contains("annualValueMinor");
    }

    @Test
    void theContractsSeatsReplaceThePlansSeatLimitWhileInForce() {
        Org org = organisationWithMembers(4);   // full: four members on a plan of four seats
        assertThat(post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "fifth@acme.example", "role", "analyst")).status()).isEqualTo(409);
        Map<String, Object> withSeats = contract(today().minusMonths(1), today().plusMonths(11).minusDays(1),
                "annual", 24_000_000L);
        withSeats.put("seats", 6);

        post(path(org), ops, withSeats);

        assertThat(get("/api/enterprise/organisations/" + org.id(), org.ownerToken()).json().get("seatLimit").asInt())
                .isEqualTo(6);
        assertThat(post("/api/enterprise/organisations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", "fifth@acme.example", "role", "analyst")).status()).isEqualTo(201);
    }

    @Test
    void aRenewalStartsTheDayAfterTheEndAndHappensOnce() {
        Org org = organisationWithMembers(10);
        LocalDate start = today().minusMonths(6);
        UUID id = UUID.fromString(post(path(org), ops, contract(start, start.plusYears(1).minusDays(1), "annual",
                24_000_000L)).json().get("id").asString());
        Map<String, Object> renewal = Map.of("reference", "REN-" + id.toString().substring(0, 8).toUpperCase(),
                "endDate", start.plusYears(3).minusDays(1).toString(), "annualValueMinor", 26_000_000L);

        Response renewed = post(path(org) + "/" + id + "/renewal", ops, renewal);
        Response again = post(path(org) + "/" + id + "/renewal", ops, Map.of("reference", "REN-AGAIN-"
                + id.toString().substring(0, 6).toUpperCase(), "endDate", start.plusYears(4).minusDays(1).toString()));

        assertThat(renewed.status()).as(renewed.body()).isEqualTo(201);
        assertThat(renewed.json().get("startDate").asString()).isEqualTo(start.plusYears(1).toString());
        JsonNode event = events("contract.renewed", org.id()).getFirst();
        assertThat(event.get("renewsContractId").asString()).isEqualTo(id.toString());
        assertThat(event.get("annualValueMinor").asLong()).isEqualTo(26_000_000L);
        assertThat(event.get("termValueMinor").asLong()).isEqualTo(52_000_000L);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void remindersGoOutOncePerThresholdToOwnersBillingAndTheAccountTeam() {
        Org org = organisationWithMembers(10);
        LocalDate start = today().minusMonths(11);
        Map<String, Object> ending = contract(start, start.plusYears(1).minusDays(1), "annual", 24_000_000L);
        ending.put("renewalDate", today().plusDays(7).toString());
        String reference = (String) ending.get("reference");
        post(path(org), ops, ending);

        lifecycle.run();
        lifecycle.run();

        String ownerEmail = emailOf(org.owner());
        String billingEmail = emailOf(org.billing());
        assertThat(notificationsFor("renewal_reminder", reference)).extracting(n -> n.get("recipient").get("email").asString())
                .containsExactlyInAnyOrder(ownerEmail, billingEmail, "finance@acme.example", "accounts@aifinance.example");
        assertThat(notificationsFor("renewal_reminder", reference)).allSatisfy(n -> {
            assertThat(n.get("params").get("daysLeft").asInt()).isEqualTo(7);
            assertThat(n.get("priority").asString()).isEqualTo("high");
        });
        assertThat(notificationsFor("contract_expiring", reference)).hasSize(4);
        assertThat(notificationsFor(null, reference)).extracting(n -> n.get("recipient").get("email").asString())
                .doesNotContain(emailOf(org.analyst()), emailOf(org.admin()));

        LocalDate end = start.plusYears(1).minusDays(1);
        clock.advance(Duration.ofDays(java.time.temporal.ChronoUnit.DAYS.between(today(), end.minusDays(7))));
        lifecycle.run();

        assertThat(notificationsFor("contract_expiring", reference)).hasSize(8);
    }

    @Test
    void aContractThatEndsUnrenewedExpiresOnceAndARenewedOneDoesNot() {
        Org org = organisationWithMembers(10);
        Org renewedOrg = organisationWithMembers(10);
        LocalDate start = today().minusYears(1);
        post(path(org), ops, contract(start, start.plusYears(1).minusDays(1), "annual", 24_000_000L));
        UUID renewedId = UUID.fromString(post(path(renewedOrg), ops, contract(start, start.plusYears(1).minusDays(1),
                "annual", 24_000_000L)).json().get("id").asString());
        post(path(renewedOrg) + "/" + renewedId + "/renewal", ops, Map.of("reference",
                "REN-" + renewedId.toString().substring(0, 8).toUpperCase(),
                "endDate", start.plusYears(2).minusDays(1).toString()));

        lifecycle.run();
        lifecycle.run();

        assertThat(events("contract.expired", org.id())).hasSize(1);
        assertThat(events("contract.expired", renewedOrg.id())).isEmpty();
        assertThat(get(path(org), org.billingToken()).json().get(0).get("status").asString()).isEqualTo("expired");
        assertThat(get(path(renewedOrg), renewedOrg.ownerToken()).json().valueStream()
                .map(c -> c.get("status").asString())).containsExactlyInAnyOrder("renewed", "active");
    }

    @Test
    void contractsAreForOwnersAdminsAndBillingOfTheirOwnOrganisationAndSignedOnlyByStaff() {
        Org org = organisationWithMembers(10);
        Org other = organisationWithMembers(10);
        UUID id = UUID.fromString(post(path(org), ops, contract(today(), today().plusYears(1).minusDays(1), "annual",
                24_000_000L)).json().get("id").asString());

        assertThat(get(path(org), org.billingToken()).status()).isEqualTo(200);
        assertThat(get(path(org), org.analystToken()).status()).isEqualTo(403);
        assertThat(get(path(org) + "/" + id, other.ownerToken()).status()).isEqualTo(403);
        assertThat(get(path(other) + "/" + id, other.ownerToken()).status()).isEqualTo(404);
        assertThat(post(path(org), org.ownerToken(), contract(today().plusYears(2), today().plusYears(3).minusDays(1),
                "annual", 1L)).status()).isEqualTo(403);
        // the analyst, the other owner twice (by path, and by the contract id under their own path), the owner signing
        assertThat(audit(org.id(), "access.refused")).hasSize(4);
    }

    private List<JsonNode> notificationsFor(String template, String reference) {
        return jdbc.sql("""
                        select envelope -> 'data' from event_outbox where type = 'notification.requested'
                          and (cast(? as text) is null or envelope -> 'data' ->> 'template' = ?)
                          and envelope -> 'data' -> 'params' ->> 'contractReference' = ? order by id""")
                .params(template, template, reference).query(String.class).list().stream().map(JSON::readTree).toList();
    }

    private String emailOf(String userId) {
        return jdbc.sql("select email from members where user_id = ?").param(userId).query(String.class).single();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String path(Org org) {
        return "/api/enterprise/organisations/" + org.id() + "/contracts";
    }

    static Map<String, Object> contract(LocalDate start, LocalDate end, String schedule, long annualValueMinor) {
        Map<String, Object> body = new HashMap<>();
        body.put("reference", "INST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        body.put("startDate", start.toString());
        body.put("endDate", end.toString());
        body.put("annualValueMinor", annualValueMinor);
        body.put("currency", "USD");
        body.put("requestQuotaPerMonth", 5_000_000L);
        body.put("invoiceSchedule", schedule);
        body.put("billingEmail", "finance@acme.example");
        body.put("billTo", "Acme Capital Ltd, 1 Wall Street, New York");
        return body;
    }
}
