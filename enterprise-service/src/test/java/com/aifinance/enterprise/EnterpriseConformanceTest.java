package com.aifinance.enterprise;

import java.util.List;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.ServiceConformance;
import org.springframework.boot.test.context.SpringBootTest;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EnterpriseConformanceTest extends ServiceConformance {

    @Override
    protected List<String> domainTables() {
        return List.of("organisations", "members", "invitations", "audit_log", "event_outbox", "event_inbox");
    }
}
