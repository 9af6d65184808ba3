package com.aifinance.dashboard.home;

import java.net.http.HttpResponse;

import com.aifinance.dashboard.support.Browser;
import com.aifinance.dashboard.support.FakePlatform;
import com.aifinance.dashboard.support.FakePlatform.Service;
import com.aifinance.dashboard.support.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HubTest
class LandingPageTest {

    @LocalServerPort
    int port;

    private final FakePlatform fakes = FakePlatform.get();

    @BeforeEach
    void reset() {
        fakes.reset();
    }

    @Test
    void landingPageShowsTheMonthlyPricesOfTheCatalog() {
        fakes.json(Service.SUBSCRIPTION, "GET", "/api/subscriptions/plans?currency=USD&interval=month", 200, """
                [{"code":"basic-month-usd","tier":"basic","billingInterval":"month","currency":"USD","priceMinor":9900},
                 {"code":"pro-month-usd","tier":"pro","billingInterval":"month","currency":"USD","priceMinor":50000},
                 {"code":"enterprise-month-usd","tier":"enterprise","billingInterval":"month","currency":"USD","priceMinor":200000}]""");

        HttpResponse<String> page = new Browser(port).get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("USD 99").contains("USD 500").contains("USD 2,000").contains("Enterprise")
                .contains("Log in");
    }

    @Test
    void landingPageStillRendersWhenTheCatalogIsDown() {
        fakes.down(Service.SUBSCRIPTION, "GET", "/api/subscriptions/plans*");

        HttpResponse<String> page = new Browser(port).get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("the plan catalog is unavailable");
    }

    @Test
    void pagesCarryAContentSecurityPolicyWithoutInlineScript() {
        fakes.json(Service.SUBSCRIPTION, "GET", "/api/subscriptions/plans?currency=USD&interval=month", 200, "[]");

        HttpResponse<String> page = new Browser(port).get("/");

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=\"");
    }

    @Test
    void frontEndLibrariesAreServedFromTheJar() {
        Browser browser = new Browser(port);

        assertThat(browser.get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(browser.get("/webjars/chart.js/dist/chart.umd.min.js").statusCode()).isEqualTo(200);
        assertThat(browser.get("/js/signals.js").statusCode()).isEqualTo(200);
    }
}
