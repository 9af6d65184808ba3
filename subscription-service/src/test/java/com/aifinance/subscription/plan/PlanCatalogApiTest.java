package com.aifinance.subscription.plan;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.aifinance.subscription.testing.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class PlanCatalogApiTest {

    @LocalServerPort
    int port;

    @Test
    void monthlyDollarPlansAreTheSeedsPrices() throws Exception {
        HttpResponse<String> response = get("/api/subscriptions/plans?currency=USD&interval=month");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("{\"code\":\"basic-month-usd\",\"tier\":\"basic\",\"billingInterval\":\"month\",\"currency\":\"USD\",\"priceMinor\":9900}")
                .contains("\"code\":\"pro-month-usd\"").contains("\"priceMinor\":50000")
                .contains("\"code\":\"enterprise-month-usd\"").contains("\"priceMinor\":200000")
                .doesNotContain("INR").doesNotContain("\"year\"");
    }

    @Test
    void everyTierHasRupeeAndAnnualPrices() throws Exception {
        HttpResponse<String> response = get("/api/subscriptions/plans?currency=INR&interval=year");

        assertThat(response.body()).contains("basic-year-inr").contains("pro-year-inr").contains("enterprise-year-inr");
    }

    @Test
    void unknownCurrencyIsAValidationProblem() throws Exception {
        HttpResponse<String> response = get("/api/subscriptions/plans?currency=EUR");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("problems/validation").contains("must be USD or INR");
    }

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
