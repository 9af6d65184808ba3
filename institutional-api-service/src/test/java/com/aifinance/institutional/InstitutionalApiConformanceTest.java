package com.aifinance.institutional;

import java.util.List;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.ServiceConformance;
import org.springframework.boot.test.context.SpringBootTest;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InstitutionalApiConformanceTest extends ServiceConformance {

    @Override
    protected List<String> domainTables() {
        return List.of("instruments", "bars", "economic_observations", "model_versions", "model_folds",
                "backtest_trades", "signals", "api_clients", "contracts", "api_usage", "webhook_endpoints",
                "webhook_deliveries", "webhook_attempts", "event_outbox", "event_inbox");
    }
}
