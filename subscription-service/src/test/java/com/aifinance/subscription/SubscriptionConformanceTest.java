package com.aifinance.subscription;

import java.util.List;

import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.common.testsupport.ServiceConformance;

@ServiceTest
class SubscriptionConformanceTest extends ServiceConformance {

    @Override
    protected List<String> domainTables() {
        return List.of("subscribers", "plans", "event_outbox", "event_inbox");
    }
}
