package com.aifinance.analytics.saas;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import com.aifinance.analytics.TestApi;
import com.aifinance.analytics.TestEvents;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The business gauges over the last complete month. Only this test uses the enterprise tier: two organisations pay
 * $2,000.00 (200000 ¢) a month from two months ago; one cancels last month. Last month: 2 customers at the start,
 * 1 churned → churn 50 %; ARPA 200000 / 1 = 200000 ¢; LTV = ARPA ÷ 0.5 = 400000 ¢ = $4,000.00.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BusinessGaugesTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper mapper;

    @Autowired
    BusinessGauges gauges;

    @LocalServerPort
    int port;

    @Test
    void gaugesShowActiveSubscriptionsChurnAndLifetimeValuePerTier() {
        TestApi api = new TestApi(port, mapper);
        TestEvents events = new TestEvents(redis, jdbc, mapper);
        YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Instant twoMonthsAgo = lastMonth.minusMonths(1).atDay(10).atStartOfDay(ZoneOffset.UTC).toInstant();
        subscription(events, "gz-1", "active", "enterprise", "USD", 200000, twoMonthsAgo);
        subscription(events, "gz-2", "active", "enterprise", "USD", 200000, twoMonthsAgo);
        subscription(events, "gz-2", "canceled", "enterprise", "USD", 200000,
                lastMonth.atDay(15).atStartOfDay(ZoneOffset.UTC).toInstant());
        subscription(events, "gz-3", "active", "basic", "INR", 829900, twoMonthsAgo);
        events.awaitHandled();

        gauges.refresh();
        String withoutRates = api.get("/actuator/prometheus", TestJwts.ops("o")).body();
        assertThat(withoutRates).containsPattern("active_subscriptions\\{[^}]*tier=\"enterprise\"[^}]*} 1\\.0");
        assertThat(withoutRates).containsPattern("churn_rate_percentage\\{[^}]*tier=\"enterprise\"[^}]*} 50\\.0");
        assertThat(withoutRates).containsPattern("customer_lifetime_value\\{[^}]*tier=\"enterprise\"[^}]*} NaN");

        assertThat(api.put("/api/analytics/exchange-rates", TestJwts.ops("o"), """
                {"source": "test", "rates": [{"date": "%s", "currency": "INR", "usdPerUnit": 0.012}]}"""
                .formatted(lastMonth.atEndOfMonth())).statusCode()).isEqualTo(200);
        gauges.refresh();
        String withRates = api.get("/actuator/prometheus", TestJwts.ops("o")).body();
        assertThat(withRates).containsPattern("customer_lifetime_value\\{[^}]*tier=\"enterprise\"[^}]*} 4000\\.0");
        assertThat(withRates).containsPattern("analytics_business_metrics_refreshed_seconds\\{[^}]*} \\d");

        // MRR in force needs today's rates for its converted total; per billing currency it is not converted
        assertThat(api.put("/api/analytics/exchange-rates", TestJwts.ops("o"), """
                {"source": "test", "rates": [{"date": "%s", "currency": "INR", "usdPerUnit": 0.012}]}"""
                .formatted(java.time.LocalDate.now(ZoneOffset.UTC))).statusCode()).isEqualTo(200);
        gauges.refresh();
        String withMrr = api.get("/actuator/prometheus", TestJwts.ops("o")).body();
        assertThat(withMrr).containsPattern("monthly_recurring_revenue\\{[^}]*currency=\"USD\"[^}]*} [1-9][0-9]*\\.");
        assertThat(withMrr).containsPattern("monthly_recurring_revenue\\{[^}]*currency=\"INR\"[^}]*} [1-9][0-9]*\\.");
    }

    private static void subscription(TestEvents events, String organisation, String status, String tier,
                                     String currency, long amount, Instant at) {
        Map<String, Object> data = new HashMap<>();
        data.put("subscriptionId", organisation + "-sub");
        data.put("userId", organisation + "-owner");
        data.put("organisationId", organisation);
        data.put("status", status);
        data.put("tier", tier);
        data.put("billingInterval", "month");
        data.put("currency", currency);
        data.put("amountMinor", amount);
        data.put("occurredAt", at.toString());
        events.publish(EventStreams.SUBSCRIPTION, "subscription." + ("active".equals(status) ? "activated" : "canceled"),
                organisation + "-sub", at, data);
    }
}
