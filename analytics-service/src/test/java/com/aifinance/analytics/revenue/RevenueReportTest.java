package com.aifinance.analytics.revenue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.aifinance.analytics.TestApi;
import com.aifinance.analytics.TestEvents;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money collected in March 2025 (no other test pays in that month), converted into US dollars at each day's rate:
 * <pre>
 * INR rates: 2025-03-03 0.0115, 2025-03-04 0.0116 (none on 03-05: the 03-04 rate applies)
 * p1 03-03 Basic  USD   9900 ¢                               →    9900 ¢
 * p2 03-03 Basic  INR ₹8,299.00 = 829900 × 0.0115 = 9543.85   →    9544 ¢
 * p3 03-04 Pro    INR ₹41,999.00 = 4199900 × 0.0116 = 48718.84 →  48719 ¢
 * p4 03-04 Pro    USD  50000 ¢ for invoice inv-1                →  50000 ¢
 *    invoice inv-1 paid 03-04: already counted by p4, not again
 *    invoice inv-2 paid 03-05 for contract c-9: $20,000.00     → 2000000 ¢ (institutional)
 * r1 03-05 refund of p2 in full, 829900 × 0.0116 = 9626.84     →    9627 ¢ refunded (Basic, INR)
 * gross 9900 + 9544 + 48719 + 50000 + 2000000 = 2118163; refunded 9627; net 2108536
 * Basic INR nets to ₹0 in rupees but −83 ¢ in dollars: the rupee fell between payment and refund.
 * </pre>
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevenueReportTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper mapper;

    @Autowired
    RevenueCounters counters;

    @LocalServerPort
    int port;

    TestApi api;
    final String ops = TestJwts.ops("ops-revenue");

    @BeforeAll
    void collectMoney() {
        api = new TestApi(port, mapper);
        assertThat(api.put("/api/analytics/exchange-rates", ops, """
                {"source": "RBI reference", "rates": [
                  {"date": "2025-03-03", "currency": "INR", "usdPerUnit": 0.0115},
                  {"date": "2025-03-04", "currency": "INR", "usdPerUnit": 0.0116}]}""").statusCode()).isEqualTo(200);
        TestEvents events = new TestEvents(redis, jdbc, mapper);
        payment(events, "rv-p1", "stripe", "basic", 9900, "USD", "2025-03-03T10:00:00Z", null);
        payment(events, "rv-p2", "razorpay", "basic", 829900, "INR", "2025-03-03T11:00:00Z", null);
        payment(events, "rv-p3", "razorpay", "pro", 4199900, "INR", "2025-03-04T09:00:00Z", null);
        payment(events, "rv-p4", "stripe", "pro", 50000, "USD", "2025-03-04T12:00:00Z", "rv-inv-1");
        invoice(events, "rv-inv-1", null, 50000, "2025-03-04T12:00:01Z");
        invoice(events, "rv-inv-2", "rv-c-9", 2000000, "2025-03-05T08:00:00Z");
        events.publish(EventStreams.BILLING, "refund.issued", "rv-r1", Instant.parse("2025-03-05T09:00:00Z"), Map.of(
                "refundId", "rv-r1", "paymentId", "rv-p2", "userId", "rv-u", "amountMinor", 829900, "currency", "INR",
                "reason", "requested_by_customer", "issuedAt", "2025-03-05T09:00:00Z"));
        events.publish(EventStreams.BILLING, "payment.failed", "rv-f1", Instant.parse("2025-03-06T09:00:00Z"), Map.of(
                "paymentId", "rv-f1", "provider", "stripe", "userId", "rv-u", "amountMinor", 9900, "currency", "USD",
                "reason", "card_declined", "attempt", 1, "finalAttempt", false));
        events.awaitHandled();
    }

    @Test
    void revenueIsConvertedAtEachDaysRateAndPaidInvoicesAreNotCountedTwice() {
        JsonNode report = api.json("/api/analytics/revenue?from=2025-03-01&to=2025-03-31&currency=USD", ops);
        assertThat(report.get("grossMinor").asLong()).isEqualTo(2118163);
        assertThat(report.get("refundedMinor").asLong()).isEqualTo(9627);
        assertThat(report.get("netMinor").asLong()).isEqualTo(2108536);
        Map<String, JsonNode> lines = new HashMap<>();
        report.get("lines").forEach(line -> lines.put(line.get("tier").asString() + "/" + line.get("currency").asString(), line));
        assertThat(lines).containsOnlyKeys("basic/INR", "basic/USD", "institutional/USD", "pro/INR", "pro/USD");
        JsonNode basicInr = lines.get("basic/INR");
        assertThat(basicInr.get("grossMinor").asLong()).isEqualTo(829900);
        assertThat(basicInr.get("netMinor").asLong()).isZero();
        assertThat(basicInr.get("grossConvertedMinor").asLong()).isEqualTo(9544);
        assertThat(basicInr.get("refundedConvertedMinor").asLong()).isEqualTo(9627);
        assertThat(basicInr.get("netConvertedMinor").asLong()).isEqualTo(-83);
        assertThat(lines.get("pro/INR").get("netConvertedMinor").asLong()).isEqualTo(48719);
        assertThat(lines.get("pro/USD").get("grossMinor").asLong()).isEqualTo(50000);
        assertThat(lines.get("institutional/USD").get("grossMinor").asLong()).isEqualTo(2000000);
    }

    @Test
    void aReportInACurrencyWithoutRatesIsRefusedWithAProblemNotAWrongFigure() {
        var response = api.get("/api/analytics/revenue?from=2025-03-01&to=2025-03-31&currency=EUR", ops);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("problems/exchange-rate-missing").contains("EUR");
    }

    @Test
    void revenueCountersExposeCollectedMoneyPerTierAndCurrency() {
        counters.refresh();
        String metrics = api.get("/actuator/prometheus", ops).body();
        assertThat(metrics).containsPattern("revenue_total\\{[^}]*currency=\"INR\"[^}]*tier=\"basic\"[^}]*} 8299\\.0");
        assertThat(metrics).containsPattern(
                "revenue_refunded_total\\{[^}]*currency=\"INR\"[^}]*tier=\"basic\"[^}]*} 8299\\.0");
        assertThat(metrics).containsPattern(
                "revenue_total\\{[^}]*currency=\"USD\"[^}]*tier=\"institutional\"[^}]*} 20000\\.0");
    }

    @Test
    void revenueExportsAsCsv() {
        var response = api.get("/api/analytics/revenue.csv?from=2025-03-01&to=2025-03-31", ops);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("2025-03,basic,INR,829900,829900,0,USD,9544,9627,-83");
    }

    private static void payment(TestEvents events, String id, String provider, String tier, long amount,
                                String currency, String paidAt, String invoiceId) {
        Map<String, Object> data = new HashMap<>();
        data.put("paymentId", id);
        data.put("provider", provider);
        data.put("providerPaymentId", "pp-" + id);
        data.put("userId", "rv-u");
        data.put("subscriptionId", "rv-s");
        data.put("invoiceId", invoiceId);
        data.put("tier", tier);
        data.put("amountMinor", amount);
        data.put("currency", currency);
        data.put("paidAt", paidAt);
        events.publish(EventStreams.BILLING, "payment.succeeded", id, Instant.parse(paidAt), data);
    }

    private static void invoice(TestEvents events, String id, String contractId, long amount, String paidAt) {
        Map<String, Object> data = new HashMap<>();
        data.put("invoiceId", id);
        data.put("number", "INV-" + id);
        data.put("organisationId", "rv-org");
        data.put("contractId", contractId);
        data.put("amountMinor", amount);
        data.put("currency", "USD");
        data.put("paidAt", paidAt);
        events.publish(EventStreams.BILLING, "invoice.paid", id, Instant.parse(paidAt), data);
    }
}
