package com.aifinance.dashboard;

import java.util.List;

import com.aifinance.common.testsupport.ServiceConformance;
import com.aifinance.dashboard.support.HubTest;

@HubTest
class DashboardHubConformanceTest extends ServiceConformance {

    @Override
    protected List<String> domainTables() {
        return List.of("ui_preferences", "event_outbox", "event_inbox");
    }
}
