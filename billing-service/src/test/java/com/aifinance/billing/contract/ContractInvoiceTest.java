package com.aifinance.billing.contract;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.billing.BillingTest;
import com.aifinance.billing.banktransfer.BankInvoices;
import com.aifinance.billing.invoice.Invoices;
import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Contract invoices through the real consumer: contract events are written to {@code aifa.enterprise} as
 * enterprise-service's outbox relay writes them, and billing's consumer group picks them up.
 */
class ContractInvoiceTest extends BillingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String ops = TestJwts.ops("ops-contracts");

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ContractInvoicing invoicing;

    @Autowired
    List<EventSubscription> subscriptions;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    BankInvoices bankInvoices;

    @Test
    void aSignedContractRaisesTheInstalmentsAlreadyDueAndSchedulesTheRest() throws Exception {
        LocalDate start = today().minusMonths(3);
        Contract contract = quarterly("EUR", start, 12_000_002L);

        publish("contract.signed", contract.data());

        List<JsonNode> invoices = awaitInvoices(contract, 2);
        for (int i = 0; i < 2; i++) {
            JsonNode invoice = invoices.get(i);
            assertThat(invoice.path("currency").asString()).isEqualTo("EUR");
            assertThat(invoice.path("totalMinor").asLong()).isEqualTo(3_000_001L);
            assertThat(invoice.path("taxMinor").asLong()).isZero();
            assertThat(invoice.path("status").asString()).isEqualTo("open");
            assertThat(invoice.path("provider").asString()).isEqualTo("bank_transfer");
            assertThat(invoice.path("organisationId").asString()).isEqualTo(contract.organisationId());
            assertThat(invoice.path("userId").isNull()).isTrue();
            assertThat(invoice.path("tier").asString()).isEqualTo("institutional");
            assertThat(invoice.path("billingEmail").asString()).isEqualTo("ap@example-capital.test");
            assertThat(invoice.path("billTo").asString()).startsWith("Example Capital LLP\n1 Finsbury Square");
            assertThat(invoice.path("paymentInstructions").asString()).contains("IBAN: GB33BUKB20201555555555")
                    .contains("Quote the invoice number");
            Instant issued = Instant.parse(invoice.path("issuedAt").asString());
            assertThat(Instant.parse(invoice.path("dueAt").asString())).isEqualTo(issued.plus(Duration.ofDays(45)));
            assertThat(invoice.path("lines").get(0).path("description").asString())
                    .contains("contract " + contract.reference()).contains("(instalment " + (i + 1) + " of 4)");
        }
        JsonNode view = get("/api/billing/ops/contracts/" + contract.id(), ops).body();
        assertThat(statuses(view)).containsExactly("issued", "issued", "scheduled", "scheduled");
        assertThat(view.path("invoicedMinor").asLong()).isEqualTo(6_000_002L);

        // the scheduled run raises each later instalment on its invoice date, not before
        invoicing.issueDue(start.plusMonths(6).minusDays(1));
        assertThat(invoices(contract)).hasSize(2);
        invoicing.issueDue(start.plusMonths(6));
        assertThat(invoices(contract)).hasSize(3);
        invoicing.issueDue(start.plusMonths(9));
        List<JsonNode> all = invoices(contract);
        assertThat(all).hasSize(4);
        assertThat(all.stream().mapToLong(invoice -> invoice.path("totalMinor").asLong()).sum())
                .isEqualTo(contract.termValueMinor());
        assertThat(all.getLast().path("totalMinor").asLong()).isEqualTo(2_999_999L);
        assertThat(all).allSatisfy(invoice -> assertThat(invoice.path("currency").asString()).isEqualTo("EUR"));

        HttpResponse<byte[]> pdf = getBytes("/api/billing/invoices/" + all.getFirst().path("id").asString() + "/pdf",
                TestJwts.token().subject(newUser()).tier("institutional").organisation(contract.organisationId())
                        .roles("org_billing").sign());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void aRedeliveredOrReplayedContractEventRaisesNoSecondInvoice() {
        Contract contract = quarterly("USD", today().minusMonths(3), 8_000_000L);
        EventEnvelope signed = envelope("contract.signed", contract.data());

        write(signed);
        write(signed);                                               // the same entry delivered twice
        EventEnvelope replay = envelope("contract.signed", contract.data());
        write(replay);                                               // the same contract replayed as a new event
        invoicing.issueDue(today());                                 // and the scheduled run racing them

        await().atMost(PATIENCE).until(() -> handled(signed) && handled(replay));
        assertThat(invoices(contract)).hasSize(2);
        assertThat(count("select count(*) from contract_instalments where contract_id = ?", contract.id())).isEqualTo(4);
        assertThat(count("select count(*) from event_inbox where consumer_group = 'billing-service' and event_id = ?",
                signed.id())).isOne();
    }

    @Test
    void anIssuedInstalmentIsEmailedToTheContractsBillingAddressExactlyOnce() {
        LocalDate start = today().minusMonths(3);
        Contract contract = quarterly("EUR", start, 12_000_002L);
        EventEnvelope signed = publish("contract.signed", contract.data());
        List<JsonNode> invoices = awaitInvoices(contract, 2);
        await().atMost(PATIENCE).until(() -> handled(signed));

        for (JsonNode invoice : invoices) {
            List<JsonNode> requests = invoiceIssuedRequests(invoice);
            assertThat(requests).as("invoice_issued requests for " + invoice.path("number").asString()).hasSize(1);
            JsonNode request = requests.getFirst();
            assertThat(request.path("subject").asString()).isEqualTo(contract.organisationId());
            JsonNode data = request.path("data");
            assertThat(data.path("template").asString()).isEqualTo("invoice_issued");
            assertThat(data.path("channel").asString()).isEqualTo("email");
            assertThat(data.path("priority").asString()).isEqualTo("normal");
            assertThat(data.path("tier").asString()).isEqualTo("institutional");
            assertThat(data.path("recipient").path("email").asString()).isEqualTo("ap@example-capital.test");
            assertThat(data.path("recipient").path("userId").isNull()).isTrue();
            JsonNode params = data.path("params");
            Instant issued = Instant.parse(invoice.path("issuedAt").asString());
            assertThat(params.path("invoiceNumber").asString()).isEqualTo(invoice.path("number").asString());
            assertThat(params.path("amountMinor").isIntegralNumber()).isTrue();
            assertThat(params.path("amountMinor").asLong()).isEqualTo(3_000_001L);
            assertThat(params.path("currency").asString()).isEqualTo("EUR");
            assertThat(params.path("issuedOn").asString()).isEqualTo(LocalDate.ofInstant(issued, ZoneOffset.UTC).toString());
            assertThat(params.path("dueDate").asString())
                    .isEqualTo(LocalDate.ofInstant(issued, ZoneOffset.UTC).plusDays(45).toString());
            assertThat(params.path("invoiceUrl").asString())
                    .isEqualTo("http://localhost:8080/api/billing/invoices/" + invoice.path("id").asString() + "/pdf");
        }
        assertThat(data(invoiceIssuedRequests(invoices.get(0))).path("notificationId").asString())
                .isNotEqualTo(data(invoiceIssuedRequests(invoices.get(1))).path("notificationId").asString());

        // the job run again, the event replayed, and the invoice ordered again under the instalment's key
        invoicing.issueDue(today());
        invoicing.issueDue(today());
        EventEnvelope replay = publish("contract.signed", contract.data());
        await().atMost(PATIENCE).until(() -> handled(replay));
        JsonNode first = invoices.getFirst();
        var again = bankInvoices.issue(new BankInvoices.Order(null, contract.organisationId(), "ap@example-capital.test",
                contract.id(), "contract-" + contract.id() + "-" + start, "institutional", "EUR",
                List.of(Invoices.line("retried", 1, 3_000_001L)), 0, null, null, null, 45));

        assertThat(again.id().toString()).isEqualTo(first.path("id").asString());
        assertThat(invoices(contract)).hasSize(2);
        assertThat(invoices).allSatisfy(invoice -> assertThat(invoiceIssuedRequests(invoice)).hasSize(1));

        // the next instalment is announced when its own invoice is issued, once however often the run repeats
        invoicing.issueDue(start.plusMonths(6));
        invoicing.issueDue(start.plusMonths(6));
        List<JsonNode> three = invoices(contract);
        assertThat(three).hasSize(3);
        assertThat(invoiceIssuedRequests(three.getLast())).hasSize(1);
        assertThat(count("""
                select count(*) from event_outbox where stream = 'aifa.notify' and type = 'notification.requested'
                and envelope->'data'->>'template' = 'invoice_issued' and subject = ?""", contract.organisationId()))
                .isEqualTo(3);
    }

    @Test
    void aContractInvoicePaidByTransferIsBookedAndAnnouncedWithTheContract() {
        Contract contract = quarterly("USD", today(), 20_000_000L);
        publish("contract.signed", contract.data());
        JsonNode invoice = awaitInvoices(contract, 1).getFirst();
        String id = invoice.path("id").asString();
        String payments = "/api/billing/ops/bank-invoices/" + id + "/payments";

        Answer wrongCurrency = post(payments, ops, Map.of("bankReference", "R-1", "amountMinor", 5_000_000,
                "currency", "EUR"));
        Answer short_ = post(payments, ops, Map.of("bankReference", "R-2", "amountMinor", 4_999_999,
                "currency", "USD"));
        Answer paid = post(payments, ops, Map.of("bankReference", "BARC-CONTRACT-1", "amountMinor", 5_000_000,
                "currency", "USD"));

        assertThat(wrongCurrency.status()).isEqualTo(422);
        assertThat(wrongCurrency.body().path("type").asString()).endsWith("problems/currency-mismatch");
        assertThat(short_.status()).isEqualTo(422);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        assertThat(paid.body().path("status").asString()).isEqualTo("paid");
        JsonNode announced = JSON.readTree(jdbc.sql("select envelope::text from event_outbox where type = 'invoice.paid' "
                + "and envelope->'data'->>'invoiceId' = ?").param(id).query(String.class).single());
        assertThat(announced.path("subject").asString()).isEqualTo(contract.organisationId());
        assertThat(announced.path("data").path("contractId").asString()).isEqualTo(contract.id());
        assertThat(announced.path("data").path("organisationId").asString()).isEqualTo(contract.organisationId());
        assertThat(announced.path("data").path("userId").isNull()).isTrue();
        assertThat(announced.path("data").path("amountMinor").asLong()).isEqualTo(5_000_000L);
        assertThat(announced.path("data").path("currency").asString()).isEqualTo("USD");
        assertThat(count("select count(*) from ledger_entries where provider = 'bank_transfer' and entry_type = 'charge' "
                + "and provider_reference = ? and amount_minor = 5000000 and currency = 'USD'",
                invoice.path("number").asString())).isOne();
        assertThat(jdbc.sql("select envelope->'data'->>'tier' from event_outbox where type = 'payment.succeeded' "
                + "and envelope->'data'->>'invoiceId' = ?").param(id).query(String.class).single())
                .isEqualTo("institutional");
        assertThat(get("/api/billing/ops/contracts/" + contract.id(), ops).body().path("paidMinor").asLong())
                .isEqualTo(5_000_000L);
    }

    @Test
    void anExpiredContractStopsItsFutureInstalments() {
        Contract contract = monthly("GBP", today().minusMonths(1), 12_000_000L);
        publish("contract.signed", contract.data());
        awaitInvoices(contract, 2);

        EventEnvelope expired = publish("contract.expired", contract.data());   // ended early, today

        await().atMost(PATIENCE).until(() -> handled(expired));
        invoicing.issueDue(today().plusYears(2));
        assertThat(invoices(contract)).hasSize(2);
        JsonNode view = get("/api/billing/ops/contracts/" + contract.id(), ops).body();
        assertThat(view.path("contract").path("status").asString()).isEqualTo("expired");
        assertThat(statuses(view).subList(0, 2)).containsOnly("issued");
        assertThat(statuses(view).subList(2, 12)).containsOnly("canceled");
    }

    @Test
    void anExpiryThatArrivesBeforeTheSignatureStillKeepsFutureInstalmentsFromBeingInvoiced() {
        Contract contract = monthly("USD", today().minusMonths(2), 6_000_000L);

        EventEnvelope expired = publish("contract.expired", contract.data());
        await().atMost(PATIENCE).until(() -> handled(expired));
        EventEnvelope signed = publish("contract.signed", contract.data());
        await().atMost(PATIENCE).until(() -> handled(signed));

        invoicing.issueDue(today().plusYears(2));
        assertThat(invoices(contract)).hasSize(3);                    // the two past months and this month's
        assertThat(invoices(contract).stream().mapToLong(invoice -> invoice.path("totalMinor").asLong()).sum())
                .isEqualTo(1_500_000L);
    }

    @Test
    void aContractWhoseInstalmentsDoNotAddUpOrContradictItsFirstAnnouncementIsRefusedAndInvoicesNothing() {
        Contract contract = quarterly("USD", today().minusMonths(3), 4_000_000L);
        Map<String, Object> wrongSum = contract.data();
        wrongSum.put("termValueMinor", 4_000_001L);
        Map<String, Object> negative = contract.data();
        List<Map<String, Object>> instalments = new ArrayList<>(contract.instalments());
        instalments.set(0, Map.of("invoiceDate", contract.start().toString(),
                "periodEnd", contract.start().plusMonths(3).minusDays(1).toString(), "amountMinor", -1_000_000L));
        negative.put("instalments", instalments);
        Map<String, Object> badCurrency = contract.data();
        badCurrency.put("currency", "XYZ");

        assertThatThrownBy(() -> handle(envelope("contract.signed", wrongSum)))
                .isInstanceOf(ContractEventRefused.class).hasMessageContaining("amount_mismatch");
        assertThatThrownBy(() -> handle(envelope("contract.signed", negative)))
                .isInstanceOf(ContractEventRefused.class).hasMessageContaining("non_positive_amount");
        assertThatThrownBy(() -> handle(envelope("contract.renewed", badCurrency)))
                .isInstanceOf(ContractEventRefused.class).hasMessageContaining("unknown_currency");
        assertThat(count("select count(*) from billing_contracts where contract_id = ?", contract.id())).isZero();

        handle(envelope("contract.signed", contract.data()));
        Map<String, Object> otherMoney = quarterly("EUR", contract.start(), 4_000_000L).data();
        otherMoney.put("contractId", contract.id());
        otherMoney.put("organisationId", contract.organisationId());
        assertThatThrownBy(() -> handle(envelope("contract.signed", otherMoney)))
                .isInstanceOf(ContractEventRefused.class).hasMessageContaining("conflicting_terms");
        assertThat(invoices(contract)).hasSize(2)
                .allSatisfy(invoice -> assertThat(invoice.path("currency").asString()).isEqualTo("USD"));
        assertThat(counter("billing_contract_events_refused", "reason", "amount_mismatch")).isPositive();
    }

    @Test
    void opsCanCancelAScheduledInstalmentButNotOneAlreadyInvoiced() {
        LocalDate start = today().minusMonths(3);
        Contract contract = quarterly("USD", start, 8_000_000L);
        publish("contract.signed", contract.data());
        awaitInvoices(contract, 2);
        String instalments = "/api/billing/ops/contracts/" + contract.id() + "/instalments/";

        Answer canceled = post(instalments + start.plusMonths(6) + "/cancellation", ops,
                Map.of("reason", "Q3 waived by the account manager, ticket 4711"));
        Answer issued = post(instalments + start + "/cancellation", ops, Map.of("reason", "too late"));
        Answer unknown = post(instalments + start.plusDays(1) + "/cancellation", ops, Map.of("reason", "no such"));
        Answer notOps = post(instalments + start.plusMonths(9) + "/cancellation",
                TestJwts.token().subject(newUser()).tier("institutional").organisation(contract.organisationId())
                        .roles("org_owner").sign(), Map.of("reason", "we would rather not pay"));

        assertThat(canceled.status()).as(canceled.raw()).isEqualTo(200);
        JsonNode third = canceled.body().path("instalments").get(2);
        assertThat(third.path("status").asString()).isEqualTo("canceled");
        assertThat(third.path("cancelReason").asString()).contains("ticket 4711");
        assertThat(third.path("canceledBy").asString()).isEqualTo("ops-contracts");
        assertThat(issued.status()).isEqualTo(409);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(notOps.status()).isEqualTo(403);
        invoicing.issueDue(start.plusMonths(9));
        assertThat(invoices(contract)).hasSize(3);
        assertThat(statuses(get("/api/billing/ops/contracts/" + contract.id(), ops).body()))
                .containsExactly("issued", "issued", "canceled", "issued");
    }

    @Test
    void organisationMembersWithBillingRolesSeeTheirContractInvoicesAndNobodyElseDoes() {
        Contract contract = quarterly("USD", today(), 4_000_000L);
        publish("contract.signed", contract.data());
        String id = awaitInvoices(contract, 1).getFirst().path("id").asString();
        String billing = TestJwts.token().subject(newUser()).tier("institutional")
                .organisation(contract.organisationId()).roles("org_billing").sign();
        String otherOrganisation = TestJwts.token().subject(newUser()).tier("institutional")
                .organisation("org-" + UUID.randomUUID()).roles("org_owner").sign();

        Answer mine = get("/api/billing/invoices", billing);
        Answer theirs = get("/api/billing/invoices/" + id, otherOrganisation);

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().valueStream().map(invoice -> invoice.path("id").asString())).containsExactly(id);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(get("/api/billing/invoices?organisationId=" + contract.organisationId(), ops).body()).hasSize(1);
    }

    @Test
    void opsCanAddressABankTransferInvoiceToAnOrganisationButMustNameSomeone() {
        String organisation = "org-" + UUID.randomUUID();
        Map<String, Object> request = new LinkedHashMap<>(Map.of("organisationId", organisation,
                "billingEmail", "finance@example.test", "tier", "enterprise", "currency", "USD",
                "lines", List.of(Map.of("description", "Enterprise onboarding", "quantity", 1, "unitAmountMinor", 250_000))));

        Answer issued = post("/api/billing/ops/bank-invoices", ops, request);
        request.remove("organisationId");
        Answer nobody = post("/api/billing/ops/bank-invoices", ops, request);

        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        assertThat(issued.body().path("organisationId").asString()).isEqualTo(organisation);
        assertThat(issued.body().path("userId").isNull()).isTrue();
        assertThat(issued.body().path("billingEmail").asString()).isEqualTo("finance@example.test");
        assertThat(count("select count(*) from billing_customers where user_id is null and organisation_id = ? "
                + "and provider = 'bank_transfer' and currency = 'USD'", organisation)).isOne();
        assertThat(nobody.status()).isEqualTo(400);
        JsonNode emailed = data(invoiceIssuedRequests(issued.body()));
        assertThat(emailed.path("recipient").path("email").asString()).isEqualTo("finance@example.test");
        assertThat(emailed.path("params").path("amountMinor").asLong()).isEqualTo(250_000L);
        assertThat(emailed.path("params").path("currency").asString()).isEqualTo("USD");
        assertThat(emailed.path("tier").asString()).isEqualTo("enterprise");
    }

    // ---- contracts as enterprise-service announces them (docs/enterprise.md, ContractEvent)

    record Contract(String id, String organisationId, String reference, LocalDate start, LocalDate end,
                    long termValueMinor, String currency, String schedule, List<Map<String, Object>> instalments) {

        Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("contractId", id);
            data.put("organisationId", organisationId);
            data.put("organisationName", "Example Capital LLP");
            data.put("tier", "institutional");
            data.put("reference", reference);
            data.put("annualValueMinor", termValueMinor);
            data.put("currency", currency);
            data.put("startDate", start.toString());
            data.put("endDate", end.toString());
            data.put("renewalDate", end.minusDays(60).toString());
            data.put("requestQuotaPerMonth", 5_000_000);
            data.put("seats", null);
            data.put("invoiceSchedule", schedule);
            data.put("paymentTermsDays", 45);
            data.put("billingEmail", "ap@example-capital.test");
            data.put("billTo", "1 Finsbury Square\nLondon EC2A 1AE");
            data.put("termValueMinor", termValueMinor);
            data.put("instalments", instalments);
            data.put("renewsContractId", null);
            return data;
        }
    }

    /** A one-year contract in four quarters; amounts as enterprise-service splits them (the last takes the rounding). */
    private static Contract quarterly(String currency, LocalDate start, long annualValueMinor) {
        return contract(currency, start, annualValueMinor, 3, "quarterly");
    }

    private static Contract monthly(String currency, LocalDate start, long annualValueMinor) {
        return contract(currency, start, annualValueMinor, 1, "monthly");
    }

    private static Contract contract(String currency, LocalDate start, long annualValueMinor, int months,
                                     String schedule) {
        long share = Math.round(annualValueMinor * months / 12.0);
        List<Map<String, Object>> instalments = new ArrayList<>();
        long invoiced = 0;
        for (int offset = 0; offset < 12; offset += months) {
            long amount = offset + months >= 12 ? annualValueMinor - invoiced : share;
            instalments.add(Map.of("invoiceDate", start.plusMonths(offset).toString(),
                    "periodEnd", start.plusMonths(offset + months).minusDays(1).toString(), "amountMinor", amount));
            invoiced += amount;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        return new Contract(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "INST-" + suffix, start,
                start.plusYears(1).minusDays(1), annualValueMinor, currency, schedule, List.copyOf(instalments));
    }

    private static EventEnvelope envelope(String type, Map<String, Object> data) {
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(), "/enterprise-service", type,
                "contract-" + data.get("contractId"), Instant.now().truncatedTo(ChronoUnit.MILLIS), "application/json",
                JSON.valueToTree(data), null);
    }

    /** Written to the stream exactly as the outbox relay writes it: one entry with the CloudEvent in {@code event}. */
    private void write(EventEnvelope envelope) {
        redis.opsForStream().add(StreamRecords.string(Map.of("event", JSON.writeValueAsString(envelope)))
                .withStreamKey(EventStreams.ENTERPRISE));
    }

    private EventEnvelope publish(String type, Map<String, Object> data) {
        EventEnvelope envelope = envelope(type, data);
        write(envelope);
        return envelope;
    }

    /** Straight into billing's subscription to aifa.enterprise, in a transaction as the stream worker runs it. */
    private void handle(EventEnvelope envelope) {
        EventSubscription enterprise = subscriptions.stream()
                .filter(subscription -> subscription.stream().equals(EventStreams.ENTERPRISE)).findFirst().orElseThrow();
        transactions.executeWithoutResult(status -> {
            try {
                enterprise.handler().handle(envelope);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private boolean handled(EventEnvelope envelope) {
        return count("select count(*) from event_inbox where consumer_group = 'billing-service' and event_id = ?",
                envelope.id()) == 1;
    }

    private List<JsonNode> awaitInvoices(Contract contract, int expected) {
        await().atMost(PATIENCE).until(() -> invoices(contract).size() >= expected);
        List<JsonNode> invoices = invoices(contract);
        assertThat(invoices).hasSize(expected);
        return invoices;
    }

    /** The contract's invoices, oldest instalment first, as ops read them through the API. */
    private List<JsonNode> invoices(Contract contract) {
        return jdbc.sql("""
                        select i.invoice_id from contract_instalments i where i.contract_id = ? and i.invoice_id is not null
                        order by i.invoice_date""")
                .param(contract.id()).query(UUID.class).list().stream()
                .map(id -> get("/api/billing/invoices/" + id, ops).body()).toList();
    }

    /** The notification.requested envelopes billing wrote to its outbox for {@code invoice} (aifa.notify). */
    private List<JsonNode> invoiceIssuedRequests(JsonNode invoice) {
        return jdbc.sql("""
                        select envelope::text from event_outbox
                        where stream = 'aifa.notify' and type = 'notification.requested'
                          and envelope->'data'->>'template' = 'invoice_issued'
                          and envelope->'data'->'params'->>'invoiceNumber' = ?""")
                .param(invoice.path("number").asString()).query(String.class).list().stream()
                .map(JSON::readTree).toList();
    }

    private static JsonNode data(List<JsonNode> requests) {
        assertThat(requests).hasSize(1);
        return requests.getFirst().path("data");
    }

    private static List<String> statuses(JsonNode view) {
        return view.path("instalments").valueStream().map(instalment -> instalment.path("status").asString()).toList();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
