package com.aifinance.analytics.saas;

import java.time.YearMonth;
import java.time.ZoneOffset;

import com.aifinance.analytics.TestApi;
import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may ask for which report, and which date ranges and parameters are refused. */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportRequestsTest {

    @Autowired
    JsonMapper mapper;

    @LocalServerPort
    int port;

    final String ops = TestJwts.ops("ops-requests");

    @Test
    void anInvertedRangeIsAValidationProblemNamingTheField() {
        JsonNode problem = problem("/api/analytics/mrr?from=2024-05&to=2024-01", ops, 400);
        assertThat(problem.get("type").asString()).endsWith("problems/validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("to");
    }

    @Test
    void anUnboundedRangeIsRefused() {
        assertThat(problem("/api/analytics/mrr?from=2024-01", ops, 400).get("errors").get(0).get("field").asString())
                .isEqualTo("to");
        assertThat(problem("/api/analytics/revenue?to=2025-01-31", ops, 400).get("errors").get(0).get("field").asString())
                .isEqualTo("from");
        problem("/api/analytics/signals/performance?from=2025-01-01", ops, 400);
    }

    @Test
    void aRangeReachingIntoTheFutureOrLongerThanTenYearsIsRefused() {
        YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
        problem("/api/analytics/mrr?from=2024-01&to=" + next, ops, 400);
        problem("/api/analytics/cohorts?from=2010-01&to=2024-01", ops, 400);
        problem("/api/analytics/revenue?from=2010-01-01&to=2024-01-01", ops, 400);
    }

    @Test
    void malformedParametersAreProblemsToo() {
        problem("/api/analytics/mrr?from=2024-13&to=2024-14", ops, 400);
        problem("/api/analytics/mrr?from=2024-01&to=2024-02&currency=usd", ops, 400);
        problem("/api/analytics/mrr?from=2024-01&to=2024-02&tier=gold", ops, 400);
        problem("/api/analytics/signals/performance?from=2025-01-01&to=2025-01-31&granularity=hour", ops, 400);
        problem("/api/analytics/signals/performance?from=2025-01-01&to=2025-01-31&mode=paper", ops, 400);
    }

    @Test
    void businessFiguresAreForOpsOnly() {
        TestApi api = new TestApi(port, mapper);
        String enterprise = TestJwts.subscriber("e-1", "enterprise");
        assertThat(api.get("/api/analytics/mrr?from=2024-01&to=2024-02", enterprise).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/analytics/revenue?from=2024-01-01&to=2024-02-01", enterprise).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/analytics/mrr/current", enterprise).statusCode()).isEqualTo(403);
        assertThat(api.put("/api/analytics/exchange-rates", enterprise, """
                {"source": "x", "rates": [{"date": "2024-01-01", "currency": "INR", "usdPerUnit": 0.01}]}""")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void exchangeRatesAreValidatedBeforeTheyAreStored() {
        TestApi api = new TestApi(port, mapper);
        assertThat(api.put("/api/analytics/exchange-rates", ops, """
                {"source": "x", "rates": [{"date": "2024-01-01", "currency": "USD", "usdPerUnit": 1}]}""")
                .statusCode()).isEqualTo(400);
        assertThat(api.put("/api/analytics/exchange-rates", ops, """
                {"source": "x", "rates": [{"date": "2024-01-01", "currency": "INR", "usdPerUnit": -0.01}]}""")
                .statusCode()).isEqualTo(400);
        assertThat(api.put("/api/analytics/exchange-rates", ops, """
                {"source": "x", "rates": [{"date": "2999-01-01", "currency": "INR", "usdPerUnit": 0.01}]}""")
                .statusCode()).isEqualTo(400);
        assertThat(api.put("/api/analytics/exchange-rates", ops, """
                {"source": "x", "rates": []}""").statusCode()).isEqualTo(400);
        assertThat(api.put("/api/analytics/exchange-rates", ops, """
                {"source": "x", "rates": [{"date": "2020-01-01", "currency": "ZZZ", "usdPerUnit": 0.01}]}""")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void storedRatesCanBeListed() {
        TestApi api = new TestApi(port, mapper);
        assertThat(api.put("/api/analytics/exchange-rates", ops, """
                {"source": "ECB", "rates": [{"date": "2020-02-03", "currency": "EUR", "usdPerUnit": 1.1055}]}""")
                .statusCode()).isEqualTo(200);
        JsonNode rates = api.json("/api/analytics/exchange-rates?currency=EUR&from=2020-02-01&to=2020-02-29", ops);
        assertThat(rates).hasSize(1);
        assertThat(rates.get(0).get("usdPerUnit").decimalValue()).isEqualByComparingTo("1.1055");
        assertThat(rates.get(0).get("source").asString()).isEqualTo("ECB");
    }

    @Test
    void theOpenApiDocumentDescribesTheReports() {
        String document = new TestApi(port, mapper).get("/v3/api-docs", ops).body();
        assertThat(document).contains("/api/analytics/mrr").contains("/api/analytics/cohorts")
                .contains("/api/analytics/revenue").contains("/api/analytics/signals/performance")
                .contains("/api/analytics/exchange-rates").contains("/api/analytics/mrr.csv");
    }

    private JsonNode problem(String path, String token, int status) {
        var response = new TestApi(port, mapper).get(path, token);
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return mapper.readTree(response.body());
    }
}
