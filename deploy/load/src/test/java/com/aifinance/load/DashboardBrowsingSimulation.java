package com.aifinance.load;

import java.time.Duration;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;

/**
 * 100 concurrent subscribers browsing the dashboards through the gateway (issue 9). The target (the seed's SLA) is a
 * P95 page response under 200 ms, asserted on the browsing requests, not on the one-off login.
 *
 * <pre>deploy/load/run DashboardBrowsingSimulation [-Dusers=100 -Dramp=60 -Dhold=180]</pre>
 */
public class DashboardBrowsingSimulation extends Simulation {

    private static final int USERS = Integer.getInteger("users", 100);
    private static final int RAMP = Integer.getInteger("ramp", 60);
    private static final int HOLD = Integer.getInteger("hold", 180);

    {
        setUp(Dashboards.subscribersBrowsing().injectClosed(
                rampConcurrentUsers(0).to(USERS).during(Duration.ofSeconds(RAMP)),
                constantConcurrentUsers(USERS).during(Duration.ofSeconds(HOLD))))
                .maxDuration(Duration.ofSeconds(RAMP + HOLD + 30))
                .protocols(Dashboards.browserProtocol())
                .assertions(details(Dashboards.BROWSE).responseTime().percentile(95.0).lt(200),
                        details(Dashboards.BROWSE).failedRequests().percent().lt(1.0));
    }
}
