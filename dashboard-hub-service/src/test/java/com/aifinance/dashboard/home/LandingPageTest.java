package com.aifinance.dashboard.home;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.aifinance.common.testsupport.IntegrationTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LandingPageTest {

    private static final MockWebServer subscriptionService = new MockWebServer();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void subscriptionService(DynamicPropertyRegistry registry) throws IOException {
        subscriptionService.start();
        registry.add("aifa.services.subscription", () -> "http://127.0.0.1:" + subscriptionService.getPort());
    }

    @AfterAll
    static void stop() {
        subscriptionService.close();
    }

    @Test
    void landingPageShowsTheMonthlyPricesOfTheCatalog() throws Exception {
        subscriptionService.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("""
                        [{"code":"basic-month-usd","tier":"basic","billingInterval":"month","currency":"USD","priceMinor":9900},
                         {"code":"pro-month-usd","tier":"pro","billingInterval":"month","currency":"USD","priceMinor":50000},
                         {"code":"enterprise-month-usd","tier":"enterprise","billingInterval":"month","currency":"USD","priceMinor":200000}]""")
                .build());

        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("USD 99").contains("USD 500").contains("USD 2,000").contains("Enterprise");
        assertThat(subscriptionService.takeRequest().getTarget())
                .isEqualTo("/api/subscriptions/plans?currency=USD&interval=month");
    }

    @Test
    void landingPageStillRendersWhenTheCatalogIsDown() throws Exception {
        subscriptionService.enqueue(new MockResponse.Builder().code(503).build());

        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("the plan catalog is unavailable");
    }

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
