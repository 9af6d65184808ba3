package com.aifinance.queuemonitor;

import java.util.List;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.ServiceConformance;
import org.springframework.boot.test.context.SpringBootTest;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueueMonitorConformanceTest extends ServiceConformance {

    @Override
    protected List<String> domainTables() {
        return List.of("queue_actions", "queue_samples", "notification_deliveries", "notification_preferences",
                "notification_addresses", "notification_rejections", "event_outbox", "event_inbox");
    }
}
