package com.aifinance.enterprise;

import java.util.List;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.ServiceConformance;
import org.springframework.boot.test.context.SpringBootTest;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EnterpriseConformanceTest extends ServiceConformance {

    @Override
    protected List<String> domainTables() {
        return List.of("organisations", "members", "invitations", "audit_log", "allowlists", "allowlist_entries",
                "contracts", "contract_reminders", "api_clients", "api_client_secrets", "sso_configurations",
                "mfa_policies", "brandings", "support_settings", "support_tickets", "support_ticket_messages",
                "event_outbox", "event_inbox");
    }
}
