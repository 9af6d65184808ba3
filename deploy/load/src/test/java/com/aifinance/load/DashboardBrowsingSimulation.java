package com.aifinance.load;

import java.time.Duration;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;

/**
 * 100 concurrent subscribers browsing the dashboards through the gateway (issue 9). The target (the seed's SLA) is a
 * P95 page response under 200 ms, asserted over every request (the one login per user is about 1 % of them).
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
                // per request (a group's own time sums its requests); the one login per user is 1 % of them
                .assertions(global().responseTime().percentile(95.0).lt(200),
                        global().failedRequests().percent().lt(1.0));
    }
}
