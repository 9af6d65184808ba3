package com.aifinance.analytics.saas;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.aifinance.analytics.TestApi;
import com.aifinance.analytics.TestEvents;
import com.aifinance.common.events.EventEnvelope;
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
 * A hand-built business, fed through the real event streams, and every SaaS figure checked to the cent against a
 * hand computation. Customers are prefixed {@code hb-}; the data lives in Oct 2023 – Apr 2024, a window no other
 * test writes to.
 *
 * <pre>
 * Prices: Basic $99.00 = 9900 ¢, Pro $500.00 = 50000 ¢, Basic annual $990.00/yr = 99000 ¢ → 99000 / 12 = 8250 ¢/month,
 *         Basic INR ₹8,299.00 = 829900 paise, Pro INR ₹41,999.00 = 4199900 paise,
 *         institutional contract $60,000.00/yr = 6000000 ¢ → 500000 ¢/month. Trials and the free plan count 0.
 * INR rates (USD per INR), loaded through the ops API: 2024-01-31 0.0120, 2024-02-29 0.0125, 2024-03-31 0.0118,
 *         2024-04-30 0.0121. A month converts at its last day's rate, each customer rounded half-up to the cent:
 *         829900 × 0.0120 = 9958.8 → 9959    4199900 × 0.0120 = 50398.8  → 50399
 *         829900 × 0.0125 = 10373.75 → 10374 4199900 × 0.0125 = 52498.75 → 52499
 *         829900 × 0.0118 = 9792.82 → 9793   4199900 × 0.0118 = 49558.82 → 49559
 *         829900 × 0.0121 = 10041.79 → 10042 4199900 × 0.0121 = 50818.79 → 50819
 *
 * Customers (events):
 *   A  Basic USD from 2023-12-10; upgrades to Pro 2024-02-15                           → Feb expansion 40100
 *   B  Pro USD from 2023-11-05; downgrade to Basic takes effect 2024-03-05              → Mar contraction 40100
 *   C  Basic INR from 2023-12-20; cancellation scheduled 2024-02-01; expires 2024-02-20 → Feb churn
 *   D  Pro USD trial 2024-01-10 (counts 0); activated 2024-01-24                        → Jan new 50000
 *   E  Basic annual USD from 2024-02-03                                                 → Feb new 8250
 *   F  Basic USD 2023-10-01, cancelled 2023-12-15; reactivated 2024-03-10               → Mar reactivation 9900
 *   G  organisation with Pro and Basic USD from 2023-11-15; Basic cancelled 2024-02-10  → Feb contraction 9900
 *      (not churn: Pro still paid); Pro cancelled 2024-04-12 (last paid one)           → Apr churn 50000
 *   H  organisation, contract $60,000/yr signed 2024-02-20, running 2024-03-01 … 2025-02-28 → Mar new 500000
 *   I  free plan from 2024-01-15                                                        → never a paying customer
 *   J  Pro INR from 2024-01-05; past due 2024-03-06 (still counts); cancelled 2024-03-20 → Jan new, Mar churn
 *   K  Basic USD 2024-02-02, cancelled 2024-02-20 (inside one month)                    → no movement; Feb cohort
 *   L  Basic INR from 2024-03-15; upgrades to Pro INR 2024-04-02                        → Mar new, Apr expansion
 *   M  Basic USD from 2024-01-20; switches to Basic annual 2024-03-25                   → Jan new, Mar contraction 1650
 *
 * MRR at each month start (¢ USD / paise INR, native):
 *   Jan 1: A 9900, B 50000, C ₹829900, G 59900                                                    (4 paying)
 *   Feb 1: A 9900, B 50000, C ₹829900, D 50000, G 59900, J ₹4199900, M 9900                         (7)
 *   Mar 1: A 50000, B 50000, D 50000, E 8250, G 50000, J ₹4199900, M 9900                           (7)
 *   Apr 1: A 50000, B 9900, D 50000, E 8250, F 9900, G 50000, H 500000, L ₹829900, M 8250            (9)
 *   May 1: A 50000, B 9900, D 50000, E 8250, F 9900, H 500000, L ₹4199900, M 8250                    (8)
 *
 * January (INR at 0.0120): opening 9900 + 50000 + 9959 + 59900 = 129759
 *   new D 50000 + J 50399 + M 9900 = 110299 (3 customers); closing 240058; ARR 240058 × 12 = 2880696
 *   churn 0 of 4 customers = 0.0000 %; gross and net MRR churn 0.0000 %; NRR 100.0000 %; ARPA 240058 / 7 = 34294;
 *   LTV undefined (no churn).
 * February (0.0125): opening 9900 + 50000 + 10374 + 50000 + 59900 + 52499 + 9900 = 242573
 *   new E 8250; expansion A 40100; contraction G 9900; churned C 10374; reactivation 0
 *   net new 8250 + 40100 − 9900 − 10374 = 28076; closing 242573 + 28076 = 270649
 *     (= A 50000 + B 50000 + D 50000 + E 8250 + G 50000 + J 52499 + M 9900)
 *   customers 7 → 7, churned 1: churn rate 1 / 7 = 14.2857 %
 *   gross MRR churn (10374 + 9900) / 242573 = 8.3579 %; net MRR churn (20274 − 40100) / 242573 = −8.1732 %
 *   NRR (242573 + 40100 − 9900 − 10374) / 242573 = 108.1732 %; ARPA 270649 / 7 = 38664.14 → 38664
 *   LTV = ARPA ÷ churn rate = (270649 / 7) ÷ (1 / 7) = 270649
 * March (0.0118): opening 50000 + 50000 + 50000 + 8250 + 50000 + 49559 + 9900 = 267709
 *   new H 500000 + L 9793 = 509793 (2); reactivation F 9900 (1); contraction B 40100 + M 1650 = 41750;
 *   churned J 49559 (1); expansion 0. Net new 509793 + 9900 − 41750 − 49559 = 428384; closing 696093
 *   churn 1 / 7 = 14.2857 %; gross = net MRR churn (49559 + 41750) / 267709 = 34.1076 %;
 *   NRR (267709 − 41750 − 49559) / 267709 = 65.8924 %; ARPA 696093 / 9 = 77343.67 → 77344;
 *   LTV (696093 / 9) ÷ (1 / 7) = 541405.67 → 541406
 * April (0.0121): opening 50000 + 9900 + 50000 + 8250 + 9900 + 50000 + 500000 + 10042 + 8250 = 696342
 *   churned G 50000; expansion L 50819 − 10042 = 40777; net new −9223; closing 687119
 *   churn 1 / 9 = 11.1111 %; gross MRR churn 50000 / 696342 = 7.1804 %; net (50000 − 40777) / 696342 = 1.3245 %;
 *   NRR 687119 / 696342 = 98.6755 %; ARPA 687119 / 8 = 85889.875 → 85890; LTV (687119 / 8) ÷ (1 / 9) = 773008.875 → 773009
 * March, Pro customers only (tier at the month's start): A, B, D, G, J: opening 4 × 50000 + 49559 = 249559;
 *   contraction B 40100, churned J 49559, closing 159900; churn 1 / 5 = 20.0000 %
 *
 * Cohorts Jan–Apr 2024 at the 2024-04-30 rate (0.0121), by the month each customer first paid:
 *   Jan: D, J, M — starting MRR 50000 + 50819 + 9900 = 110719; end of Jan 3 / 110719, Feb 3 / 110719,
 *        Mar 2 / 58250 (J churned, M annual), Apr 2 / 58250 → 66.6667 % of customers, 58250 / 110719 = 52.6107 % of MRR
 *   Feb: E, K — starting 8250 + 9900 = 18150; every month end 1 / 8250 → 50.0000 %, 45.4545 %
 *   Mar: H, L — starting 500000 + 10042 = 510042; end of Mar 2 / 510042; Apr 2 / 500000 + 50819 = 550819 → 107.9948 %
 *   Apr: nobody first paid.
 * </pre>
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandBuiltSaasMetricsTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper mapper;

    @LocalServerPort
    int port;

    TestApi api;
    final String ops = TestJwts.ops("ops-hand-built");

    @BeforeAll
    void feedTheBusiness() {
        api = new TestApi(port, mapper);
        TestEvents events = new TestEvents(redis, jdbc, mapper);
        assertThat(api.put("/api/analytics/exchange-rates", ops, """
                {"source": "hand-built test", "rates": [
                  {"date": "2024-01-31", "currency": "INR", "usdPerUnit": 0.0120},
                  {"date": "2024-02-29", "currency": "INR", "usdPerUnit": 0.0125},
                  {"date": "2024-03-31", "currency": "INR", "usdPerUnit": 0.0118},
                  {"date": "2024-04-30", "currency": "INR", "usdPerUnit": 0.0121}]}""").statusCode()).isEqualTo(200);

        sub(events, "subscription.activated", "hb-a", null, "a1", "active", "basic", "month", "USD", 9900, "2023-12-10T09:00:00Z");
        EventEnvelope upgrade = sub(events, "subscription.plan_changed", "hb-a", null, "a1", "active", "pro", "month", "USD", 50000, "2024-02-15T09:00:00Z");
        events.publish(EventStreams.SUBSCRIPTION, upgrade); // redelivered: must count once
        sub(events, "subscription.activated", "hb-b", null, "b1", "active", "pro", "month", "USD", 50000, "2023-11-05T09:00:00Z");
        sub(events, "subscription.plan_changed", "hb-b", null, "b1", "active", "basic", "month", "USD", 9900, "2024-03-05T00:00:00Z");
        sub(events, "subscription.activated", "hb-c", null, "c1", "active", "basic", "month", "INR", 829900, "2023-12-20T09:00:00Z");
        sub(events, "subscription.cancellation_scheduled", "hb-c", null, "c1", "active", "basic", "month", "INR", 829900, "2024-02-01T10:00:00Z");
        sub(events, "subscription.expired", "hb-c", null, "c1", "expired", "basic", "month", "INR", 829900, "2024-02-20T00:00:00Z");
        sub(events, "subscription.started", "hb-d", null, "d1", "trialing", "pro", "month", "USD", 50000, "2024-01-10T09:00:00Z");
        sub(events, "subscription.activated", "hb-d", null, "d1", "active", "pro", "month", "USD", 50000, "2024-01-24T09:00:00Z");
        sub(events, "subscription.activated", "hb-e", null, "e1", "active", "basic", "year", "USD", 99000, "2024-02-03T09:00:00Z");
        sub(events, "subscription.activated", "hb-f", null, "f1", "active", "basic", "month", "USD", 9900, "2023-10-01T09:00:00Z");
        sub(events, "subscription.canceled", "hb-f", null, "f1", "canceled", "basic", "month", "USD", 9900, "2023-12-15T09:00:00Z");
        sub(events, "subscription.reactivated", "hb-f", null, "f1", "active", "basic", "month", "USD", 9900, "2024-03-10T09:00:00Z");
        sub(events, "subscription.activated", "hb-g-owner", "hb-g", "g1", "active", "pro", "month", "USD", 50000, "2023-11-15T09:00:00Z");
        sub(events, "subscription.activated", "hb-g-owner", "hb-g", "g2", "active", "basic", "month", "USD", 9900, "2023-11-15T09:00:00Z");
        sub(events, "subscription.canceled", "hb-g-owner", "hb-g", "g2", "canceled", "basic", "month", "USD", 9900, "2024-02-10T09:00:00Z");
        sub(events, "subscription.canceled", "hb-g-owner", "hb-g", "g1", "canceled", "pro", "month", "USD", 50000, "2024-04-12T09:00:00Z");
        events.publish(EventStreams.ENTERPRISE, "contract.signed", "hb-h", Instant.parse("2024-02-20T12:00:00Z"), Map.of(
                "contractId", "hb-h-contract", "organisationId", "hb-h", "annualValueMinor", 6000000, "currency", "USD",
                "startDate", "2024-03-01", "endDate", "2025-02-28", "requestQuotaPerMonth", 1000000));
        events.publish(EventStreams.ENTERPRISE, "member.added", "hb-h", Instant.parse("2024-02-21T12:00:00Z"), Map.of(
                "organisationId", "hb-h", "userId", "hb-h-u1", "email", "h1@example.com", "role", "org_admin"));
        sub(events, "subscription.activated", "hb-i", null, "i1", "active", "none", "month", "USD", 0, "2024-01-15T09:00:00Z");
        sub(events, "subscription.activated", "hb-j", null, "j1", "active", "pro", "month", "INR", 4199900, "2024-01-05T09:00:00Z");
        sub(events, "subscription.past_due", "hb-j", null, "j1", "past_due", "pro", "month", "INR", 4199900, "2024-03-06T09:00:00Z");
        sub(events, "subscription.canceled", "hb-j", null, "j1", "canceled", "pro", "month", "INR", 4199900, "2024-03-20T09:00:00Z");
        sub(events, "subscription.activated", "hb-k", null, "k1", "active", "basic", "month", "USD", 9900, "2024-02-02T09:00:00Z");
        sub(events, "subscription.canceled", "hb-k", null, "k1", "canceled", "basic", "month", "USD", 9900, "2024-02-20T09:00:00Z");
        sub(events, "subscription.activated", "hb-l", null, "l1", "active", "basic", "month", "INR", 829900, "2024-03-15T09:00:00Z");
        sub(events, "subscription.plan_changed", "hb-l", null, "l1", "active", "pro", "month", "INR", 4199900, "2024-04-02T09:00:00Z");
        sub(events, "subscription.activated", "hb-m", null, "m1", "active", "basic", "month", "USD", 9900, "2024-01-20T09:00:00Z");
        sub(events, "subscription.plan_changed", "hb-m", null, "m1", "active", "basic", "year", "USD", 99000, "2024-03-25T09:00:00Z");
        events.publish(EventStreams.SUBSCRIPTION, "subscriber.registered", "hb-n", Instant.parse("2024-01-02T09:00:00Z"),
                Map.of("userId", "hb-n", "email", "n@example.com", "registeredAt", "2024-01-02T09:00:00Z"));
        events.awaitHandled();
    }

    @Test
    void mrrMovementsMatchTheHandComputationToTheCent() {
        JsonNode months = api.json("/api/analytics/mrr?from=2024-01&to=2024-04&currency=USD", ops).get("months");
        assertThat(months).hasSize(4);
        assertMonth(months.get(0), "2024-01", "2024-01-31", 129759, 110299, 0, 0, 0, 0, 110299, 240058, 4, 3, 0, 0, 7,
                "0.0000", "0.0000", "0.0000", "100.0000", 34294L, null);
        assertMonth(months.get(1), "2024-02", "2024-02-29", 242573, 8250, 40100, 9900, 10374, 0, 28076, 270649, 7, 1, 0, 1,
                7, "14.2857", "8.3579", "-8.1732", "108.1732", 38664L, 270649L);
        assertMonth(months.get(2), "2024-03", "2024-03-31", 267709, 509793, 0, 41750, 49559, 9900, 428384, 696093, 7, 2, 1,
                1, 9, "14.2857", "34.1076", "34.1076", "65.8924", 77344L, 541406L);
        assertMonth(months.get(3), "2024-04", "2024-04-30", 696342, 0, 40777, 0, 50000, 0, -9223, 687119, 9, 0, 0, 1, 8,
                "11.1111", "7.1804", "1.3245", "98.6755", 85890L, 773009L);
        assertThat(months.get(0).get("arrMinor").asLong()).isEqualTo(2880696);
        assertThat(months.get(3).get("arrMinor").asLong()).isEqualTo(687119L * 12);
    }

    @Test
    void aTierViewKeepsCustomersInTheTierTheyStartedTheMonthIn() {
        JsonNode march = api.json("/api/analytics/mrr?from=2024-03&to=2024-03&tier=pro", ops).get("months").get(0);
        assertThat(march.get("openingMrrMinor").asLong()).isEqualTo(249559);
        assertThat(march.get("contractionMrrMinor").asLong()).isEqualTo(40100);
        assertThat(march.get("churnedMrrMinor").asLong()).isEqualTo(49559);
        assertThat(march.get("newMrrMinor").asLong()).isZero();
        assertThat(march.get("closingMrrMinor").asLong()).isEqualTo(159900);
        assertThat(march.get("customerChurnRatePct").decimalValue()).isEqualByComparingTo("20.0000");
    }

    @Test
    void cohortsFollowCustomersFromTheMonthTheyFirstPaid() {
        JsonNode report = api.json("/api/analytics/cohorts?from=2024-01&to=2024-04", ops);
        assertThat(report.get("rateDate").asString()).isEqualTo("2024-04-30");
        JsonNode cohorts = report.get("cohorts");
        JsonNode january = cohorts.get(0);
        assertThat(january.get("customers").asInt()).isEqualTo(3);
        assertThat(january.get("startingMrrMinor").asLong()).isEqualTo(110719);
        assertRetention(january.get("retention").get(0), 3, 110719, "100.0000", "100.0000");
        assertRetention(january.get("retention").get(1), 3, 110719, "100.0000", "100.0000");
        assertRetention(january.get("retention").get(2), 2, 58250, "66.6667", "52.6107");
        assertRetention(january.get("retention").get(3), 2, 58250, "66.6667", "52.6107");
        JsonNode february = cohorts.get(1);
        assertThat(february.get("customers").asInt()).isEqualTo(2);
        assertThat(february.get("startingMrrMinor").asLong()).isEqualTo(18150);
        assertRetention(february.get("retention").get(0), 1, 8250, "50.0000", "45.4545");
        assertRetention(february.get("retention").get(2), 1, 8250, "50.0000", "45.4545");
        JsonNode march = cohorts.get(2);
        assertThat(march.get("startingMrrMinor").asLong()).isEqualTo(510042);
        assertRetention(march.get("retention").get(0), 2, 510042, "100.0000", "100.0000");
        assertRetention(march.get("retention").get(1), 2, 550819, "100.0000", "107.9948");
        JsonNode april = cohorts.get(3);
        assertThat(april.get("customers").asInt()).isZero();
        assertThat(april.get("retention").get(0).get("customerRetentionPct").isNull()).isTrue();
    }

    @Test
    void theMrrReportExportsAsCsvWithTheSameFigures() {
        var response = api.get("/api/analytics/mrr.csv?from=2024-02&to=2024-03", ops);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                header -> assertThat(header).contains("mrr-2024-02-2024-03.csv"));
        String[] lines = response.body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("month,currency,tier,rate_date,opening_mrr_minor,new_mrr_minor");
        assertThat(lines[1]).startsWith("2024-02,USD,all,2024-02-29,242573,8250,40100,9900,10374,0,28076,270649,3247788,"
                + "7,1,0,1,7,14.2857,8.3579,-8.1732,108.1732,38664,270649");
        assertThat(lines[2]).startsWith("2024-03,USD,all,2024-03-31,267709,509793,0,41750,49559,9900,428384,696093,");
    }

    private static EventEnvelope sub(TestEvents events, String type, String userId, String organisationId,
                                     String subscriptionId, String status, String tier, String interval,
                                     String currency, long amountMinor, String occurredAt) {
        Map<String, Object> data = new HashMap<>();
        data.put("subscriptionId", "hb-" + subscriptionId);
        data.put("userId", userId);
        data.put("organisationId", organisationId);
        data.put("status", status);
        data.put("tier", tier);
        data.put("planCode", tier + "-" + interval + "-" + currency.toLowerCase());
        data.put("billingInterval", interval);
        data.put("currency", currency);
        data.put("amountMinor", amountMinor);
        data.put("occurredAt", occurredAt);
        return events.publish(EventStreams.SUBSCRIPTION, type, "hb-" + subscriptionId, Instant.parse(occurredAt), data);
    }

    private static void assertMonth(JsonNode m, String month, String rateDate, long opening, long newMrr,
                                    long expansion, long contraction, long churned, long reactivation, long netNew,
                                    long closing, int atStart, int newCustomers, int reactivated, int churnedCustomers,
                                    int atEnd, String churnRate, String grossChurn, String netChurn, String nrr,
                                    Long arpa, Long ltv) {
        assertThat(m.get("month").asString()).isEqualTo(month);
        assertThat(m.get("rateDate").asString()).isEqualTo(rateDate);
        assertThat(m.get("openingMrrMinor").asLong()).as(month + " opening").isEqualTo(opening);
        assertThat(m.get("newMrrMinor").asLong()).as(month + " new").isEqualTo(newMrr);
        assertThat(m.get("expansionMrrMinor").asLong()).as(month + " expansion").isEqualTo(expansion);
        assertThat(m.get("contractionMrrMinor").asLong()).as(month + " contraction").isEqualTo(contraction);
        assertThat(m.get("churnedMrrMinor").asLong()).as(month + " churned").isEqualTo(churned);
        assertThat(m.get("reactivationMrrMinor").asLong()).as(month + " reactivation").isEqualTo(reactivation);
        assertThat(m.get("netNewMrrMinor").asLong()).as(month + " net new").isEqualTo(netNew);
        assertThat(m.get("closingMrrMinor").asLong()).as(month + " closing").isEqualTo(closing);
        assertThat(m.get("customersAtStart").asInt()).as(month + " customers at start").isEqualTo(atStart);
        assertThat(m.get("newCustomers").asInt()).as(month + " new customers").isEqualTo(newCustomers);
        assertThat(m.get("reactivatedCustomers").asInt()).as(month + " reactivated").isEqualTo(reactivated);
        assertThat(m.get("churnedCustomers").asInt()).as(month + " churned customers").isEqualTo(churnedCustomers);
        assertThat(m.get("customersAtEnd").asInt()).as(month + " customers at end").isEqualTo(atEnd);
        assertThat(m.get("customerChurnRatePct").decimalValue()).as(month + " churn rate").isEqualByComparingTo(churnRate);
        assertThat(m.get("grossMrrChurnRatePct").decimalValue()).as(month + " gross").isEqualByComparingTo(grossChurn);
        assertThat(m.get("netMrrChurnRatePct").decimalValue()).as(month + " net").isEqualByComparingTo(netChurn);
        assertThat(m.get("netRevenueRetentionPct").decimalValue()).as(month + " NRR").isEqualByComparingTo(nrr);
        assertThat(m.get("arpaMinor").isNull() ? null : m.get("arpaMinor").asLong()).as(month + " ARPA").isEqualTo(arpa);
        assertThat(m.get("ltvMinor").isNull() ? null : m.get("ltvMinor").asLong()).as(month + " LTV").isEqualTo(ltv);
    }

    private static void assertRetention(JsonNode r, int customers, long mrr, String customerPct, String mrrPct) {
        assertThat(r.get("retainedCustomers").asInt()).isEqualTo(customers);
        assertThat(r.get("mrrMinor").asLong()).isEqualTo(mrr);
        assertThat(r.get("customerRetentionPct").decimalValue()).isEqualByComparingTo(customerPct);
        assertThat(r.get("mrrRetentionPct").decimalValue()).isEqualByComparingTo(mrrPct);
    }
}
