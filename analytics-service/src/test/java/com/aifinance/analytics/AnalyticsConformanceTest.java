package com.aifinance.analytics;

import java.util.List;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.ServiceConformance;
import org.springframework.boot.test.context.SpringBootTest;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsConformanceTest extends ServiceConformance {

    @Override
    protected List<String> domainTables() {
        return List.of("exchange_rates", "subscription_events", "mrr_facts", "customers", "revenue_streams", "payments",
                "refunds", "invoice_payments", "contract_events", "signal_outcomes", "feature_flags", "event_outbox",
                "event_inbox");
    }
}
