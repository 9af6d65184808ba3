package com.aifinance.monitoring;

import java.util.List;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.ServiceConformance;
import org.springframework.boot.test.context.SpringBootTest;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MonitoringConformanceTest extends ServiceConformance {

    @Override
    protected List<String> domainTables() {
        return List.of("health_checks", "health_check_hourly", "probe_results", "incidents", "incident_updates",
                "event_outbox", "event_inbox");
    }
}
