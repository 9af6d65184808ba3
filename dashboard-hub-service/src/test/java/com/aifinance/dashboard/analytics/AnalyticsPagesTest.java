package com.aifinance.dashboard.analytics;

import com.aifinance.dashboard.support.Browser;
import com.aifinance.dashboard.support.FakePlatform;
import com.aifinance.dashboard.support.FakePlatform.Service;
import com.aifinance.dashboard.support.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HubTest
class AnalyticsPagesTest {

    @LocalServerPort
    int port;

    private final FakePlatform fakes = FakePlatform.get();
    private Browser ops;

    @BeforeEach
    void signIn() {
        fakes.reset();
        ops = new Browser(port).login(Browser.User.ops());
    }

    @Test
    void mrrMovementsAreChartedAndTabulatedWithUndefinedRatesShownAsADash() {
        fakes.json(Service.ANALYTICS, "GET", "/api/analytics/mrr*", 200, """
                {"from":"2026-10","to":"2026-11","currency":"USD","months":[
                 {"month":"2026-11","openingMrrMinor":100000,"newMrrMinor":50000,"expansionMrrMinor":0,
                  "contractionMrrMinor":0,"churnedMrrMinor":9900,"reactivationMrrMinor":0,"netNewMrrMinor":40100,
                  "closingMrrMinor":140100,"arrMinor":1681200,"customersAtStart":2,"newCustomers":1,
                  "reactivatedCustomers":0,"churnedCustomers":1,"customersAtEnd":2,"customerChurnRatePct":50.0000,
                  "grossMrrChurnRatePct":9.9,"netMrrChurnRatePct":9.9,"netRevenueRetentionPct":90.1,
                  "arpaMinor":70050,"ltvMinor":140100},
                 {"month":"2026-10","openingMrrMinor":0,"newMrrMinor":100000,"expansionMrrMinor":0,
                  "contractionMrrMinor":0,"churnedMrrMinor":0,"reactivationMrrMinor":0,"netNewMrrMinor":100000,
                  "closingMrrMinor":100000,"arrMinor":1200000,"customersAtStart":0,"newCustomers":2,
                  "reactivatedCustomers":0,"churnedCustomers":0,"customersAtEnd":2,"customerChurnRatePct":null,
                  "grossMrrChurnRatePct":null,"netMrrChurnRatePct":null,"netRevenueRetentionPct":null,
                  "arpaMinor":50000,"ltvMinor":null}]}""");

        String panel = ops.panel("/analytics/panels/mrr", "/analytics").body();

        assertThat(panel).contains("USD 1,401.00").contains("50.0 %").contains("data-chart=")
                .contains("&quot;churned&quot;:[&quot;-99.00&quot;").contains("never 0");
    }

    @Test
    void aMissingExchangeRateIsExplainedInsteadOfAWrongFigure() {
        fakes.on(Service.ANALYTICS, "GET", "/api/analytics/revenue*", request -> FakePlatform.problem(422,
                "exchange-rate-missing", "No INR rate on or before 2026-11-26."));

        assertThat(ops.panel("/analytics/panels/revenue?currency=INR", "/analytics").body())
                .contains("No INR rate on or before 2026-11-26.");
    }

    @Test
    void revenueIsSummedPerTierAndCohortsShowRetention() {
        fakes.json(Service.ANALYTICS, "GET", "/api/analytics/revenue*", 200, """
                {"from":"2025-12-01","to":"2026-11-26","currency":"USD","lines":[
                 {"month":"2026-11","tier":"pro","currency":"USD","grossMinor":100000,"refundedMinor":0,"netMinor":100000,
                  "grossConvertedMinor":100000,"refundedConvertedMinor":0,"netConvertedMinor":100000},
                 {"month":"2026-10","tier":"pro","currency":"INR","grossMinor":4150000,"refundedMinor":0,"netMinor":4150000,
                  "grossConvertedMinor":50000,"refundedConvertedMinor":0,"netConvertedMinor":50000}],
                 "grossMinor":150000,"refundedMinor":0,"netMinor":150000}""");
        fakes.json(Service.ANALYTICS, "GET", "/api/analytics/cohorts*", 200, """
                {"from":"2025-12","to":"2026-11","currency":"USD","rateDate":"2026-11-26","cohorts":[
                 {"month":"2026-10","customers":2,"startingMrrMinor":100000,"retention":[
                  {"monthsSinceStart":1,"month":"2026-11","retainedCustomers":1,"mrrMinor":50000,
                   "customerRetentionPct":50.0,"mrrRetentionPct":50.0}]}]}""");

        assertThat(ops.panel("/analytics/panels/revenue", "/analytics").body()).contains("USD 1,500.00");
        assertThat(ops.panel("/analytics/panels/cohorts", "/analytics").body()).contains("M1: 50.0 %");
    }
}
