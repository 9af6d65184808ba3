package com.aifinance.billing;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class BankTransferTest extends BillingTest {

    private final String ops = TestJwts.ops("ops-1");

    @Test
    void aContractInvoiceCarriesTaxAndPaymentInstructionsAndDownloadsAsPdf() throws Exception {
        String user = newUser();
        Answer invoice = issue(user, "USD", 2_000_000, 1_800);

        assertThat(invoice.status()).isEqualTo(201);
        assertThat(invoice.body().path("subtotalMinor").asLong()).isEqualTo(4_000_000);
        assertThat(invoice.body().path("taxMinor").asLong()).isEqualTo(720_000);
        assertThat(invoice.body().path("totalMinor").asLong()).isEqualTo(4_720_000);
        assertThat(invoice.body().path("paymentInstructions").asString()).contains("IBAN: GB33BUKB20201555555555");
        assertThat(invoice.body().path("lines")).hasSize(2);

        HttpResponse<byte[]> pdf = getBytes("/api/billing/invoices/" + invoice.body().path("id").asString() + "/pdf",
                TestJwts.token().subject(user).tier("institutional").roles("institutional_client").sign());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void anEnterpriseCheckoutByTransferIsEmailedOnceToTheSubscribersCurrentAddress() {
        String admin = newUser();
        String organisation = UUID.randomUUID().toString();
        // the address subscription-service told us last (subscriber.registered), not one given at some earlier time
        jdbc.sql("insert into billing_contacts (user_id, email, updated_at) values (?, ?, now())")
                .params(admin, admin + "@acme.example").update();
        String token = TestJwts.token().subject(admin).tier("none").organisation(organisation)
                .roles("subscriber", "org_admin").sign();
        Map<String, Object> request = Map.of("planCode", "enterprise-month-usd", "paymentMethod", "bank_transfer");

        Answer checkout = post("/api/billing/checkout", token, request);
        Answer repeated = post("/api/billing/checkout", token, request);

        assertThat(checkout.status()).as(checkout.raw()).isEqualTo(201);
        assertThat(repeated.status()).as(repeated.raw()).isEqualTo(200);
        String invoiceId = checkout.body().path("paymentPageUrl").asString().split("/")[4];
        JsonNode invoice = get("/api/billing/invoices/" + invoiceId, ops).body();
        List<JsonNode> requests = invoiceIssued(admin);
        assertThat(requests).hasSize(1);
        JsonNode data = requests.getFirst();
        assertThat(data.path("template").asString()).isEqualTo("invoice_issued");
        assertThat(data.path("channel").asString()).isEqualTo("email");
        assertThat(data.path("tier").asString()).isEqualTo("enterprise");
        assertThat(data.path("recipient").path("userId").asString()).isEqualTo(admin);
        assertThat(data.path("recipient").path("email").asString()).isEqualTo(admin + "@acme.example");
        assertThat(invoice.path("billingEmail").asString()).isEqualTo(admin + "@acme.example");
        JsonNode params = data.path("params");
        assertThat(params.path("invoiceNumber").asString()).isEqualTo(invoice.path("number").asString());
        assertThat(params.path("amountMinor").asLong()).isEqualTo(200_000L);
        assertThat(params.path("currency").asString()).isEqualTo("USD");
        assertThat(params.path("dueDate").asString()).isEqualTo(
                LocalDate.ofInstant(Instant.parse(invoice.path("dueAt").asString()), ZoneOffset.UTC).toString());
        assertThat(params.path("invoiceUrl").asString())
                .isEqualTo("http://localhost:8080/api/billing/invoices/" + invoiceId + "/pdf");
    }

    @Test
    void anInvoiceWithNoAddressToSendItToIsNotRequestedAsAnEmail() {
        String user = newUser();

        Answer invoice = issue(user, "USD", 100_000, 0);

        assertThat(invoice.status()).isEqualTo(201);
        assertThat(invoice.body().path("billingEmail").isNull()).isTrue();
        assertThat(invoiceIssued(user)).isEmpty();
        assertThat(counter("billing_invoice_notifications", "outcome", "no_address")).isPositive();
    }

    @Test
    void someoneElsesInvoiceIsNotFound() {
        Answer invoice = issue(newUser(), "USD", 100_000, 0);

        Answer answer = get("/api/billing/invoices/" + invoice.body().path("id").asString(),
                TestJwts.subscriber(newUser(), "pro"));

        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void aTransferThatSettlesTheInvoiceIsBookedAndAnnounced() {
        String user = newUser();
        Answer invoice = issue(user, "USD", 1_000_000, 0);
        String id = invoice.body().path("id").asString();

        Answer paid = post("/api/billing/ops/bank-invoices/" + id + "/payments", ops,
                Map.of("bankReference", "BARC-2026-11-26-0042", "amountMinor", 2_000_000, "currency", "USD"));

        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.body().path("status").asString()).isEqualTo("paid");
        assertThat(paid.body().path("bankReference").asString()).isEqualTo("BARC-2026-11-26-0042");
        String number = paid.body().path("number").asString();
        assertThat(count("select count(*) from ledger_entries where provider = 'bank_transfer' and provider_reference = ? "
                + "and entry_type = 'charge' and amount_minor = 2000000", number)).isOne();
        assertThat(count("select count(*) from event_outbox where type = 'invoice.paid' and envelope->'data'->>'invoiceId' = ?",
                id)).isOne();
        assertThat(jdbc.sql("select envelope->'data'->>'tier' from event_outbox where type = 'payment.succeeded' "
                + "and subject = ?").param(user).query(String.class).single()).isEqualTo("institutional");
        assertThat(post("/api/billing/ops/bank-invoices/" + id + "/payments", ops,
                Map.of("bankReference", "again", "amountMinor", 2_000_000, "currency", "USD")).status()).isEqualTo(409);
    }

    @Test
    void aTransferInTheWrongCurrencyOrAmountIsRefusedAndChangesNothing() {
        Answer invoice = issue(newUser(), "USD", 500_000, 0);
        String id = invoice.body().path("id").asString();

        Answer wrongCurrency = post("/api/billing/ops/bank-invoices/" + id + "/payments", ops,
                Map.of("bankReference", "R1", "amountMinor", 1_000_000, "currency", "EUR"));
        Answer wrongAmount = post("/api/billing/ops/bank-invoices/" + id + "/payments", ops,
                Map.of("bankReference", "R2", "amountMinor", 999_999, "currency", "USD"));
        Answer negative = post("/api/billing/ops/bank-invoices/" + id + "/payments", ops,
                Map.of("bankReference", "R3", "amountMinor", -5, "currency", "USD"));

        assertThat(wrongCurrency.status()).isEqualTo(422);
        assertThat(wrongCurrency.body().path("type").asString()).endsWith("problems/currency-mismatch");
        assertThat(wrongAmount.status()).isEqualTo(422);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().path("type").asString()).endsWith("problems/non-positive-amount");
        assertThat(get("/api/billing/invoices/" + id, ops).body().path("status").asString()).isEqualTo("open");
    }

    @Test
    void aLineWithANonPositiveAmountIsRefused() {
        Answer answer = post("/api/billing/ops/bank-invoices", ops, Map.of("userId", newUser(), "tier", "institutional",
                "currency", "USD", "lines", List.of(Map.of("description", "Nothing", "quantity", 1,
                        "unitAmountMinor", 0))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("type").asString()).endsWith("problems/non-positive-amount");
    }

    @Test
    void invoiceNumbersIssuedConcurrentlyAreSequentialWithoutGaps() throws Exception {
        String currency = "SGD"; // a currency no other test invoices in
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Callable<Answer>> issues = java.util.stream.IntStream.range(0, 24)
                    .mapToObj(i -> (Callable<Answer>) () -> issue(newUser(), currency, 10_000 + i, 0)).toList();
            for (Future<Answer> answer : pool.invokeAll(issues)) {
                assertThat(answer.get().status()).isEqualTo(201);
            }
        }
        List<String> numbers = jdbc.sql("select number from invoices where currency = ? order by number")
                .param(currency).query(String.class).list();
        assertThat(numbers).hasSize(24);
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).isEqualTo("INV-SGD-%06d".formatted(i + 1));
        }
    }

    /** The invoice_issued requests billing wrote to its outbox for {@code subject}, as their data. */
    private List<JsonNode> invoiceIssued(String subject) {
        return published("notification.requested", subject).stream()
                .filter(data -> "invoice_issued".equals(data.path("template").asString())).toList();
    }

    private Answer issue(String user, String currency, long unitAmount, int taxBasisPoints) {
        return post("/api/billing/ops/bank-invoices", ops, Map.of("userId", user, "organisationId", "org-" + user,
                "contractId", "contract-" + user, "tier", "institutional", "currency", currency,
                "lines", List.of(Map.of("description", "Institutional API access, Q1", "quantity", 1,
                                "unitAmountMinor", unitAmount),
                        Map.of("description", "Institutional API access, Q2", "quantity", 1, "unitAmountMinor", unitAmount)),
                "taxRateBasisPoints", taxBasisPoints, "taxLabel", "VAT", "billTo", "Example Capital LLP"));
    }
}
