package com.aifinance.load;

import java.time.Duration;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * One authenticated API read at a constant rate (open model: requests keep arriving whatever the latency), against
 * the gateway, a service directly, or a reverse proxy in front of the gateway — the same request and token, so the
 * differences are what sits in between. The token is the demo institutional client's, fetched once from the gateway.
 *
 * <pre>deploy/load/run ApiRateSimulation -Dtarget=http://localhost:8080 -Drate=1000 -Dduration=60
 *     [-Dpath=/v1/signals?limit=20] [-Dconnections=32]</pre>
 *
 * Gatling's report gives p50/p95/p99 and the error count. With {@code -Dp99=<ms>} the run fails when the p99 or the
 * error rate (above 0.1 %) misses.
 */
public class ApiRateSimulation extends Simulation {

    private static final String TARGET = System.getProperty("target", LocalPlatform.URL);
    private static final String PATH = System.getProperty("path", "/v1/signals?limit=20");
    private static final int RATE = Integer.getInteger("rate", 1000);
    private static final int DURATION = Integer.getInteger("duration", 60);
    private static final String P99 = System.getProperty("p99");

    private final String token = LocalPlatform.institutionalToken();

    private final HttpProtocolBuilder protocol = http.baseUrl(TARGET)
            .acceptHeader("application/json")
            .authorizationHeader("Bearer " + token)
            .userAgentHeader("aifa-load-test")
            // API clients keep their connections: a pool shared by all virtual users, like an HTTP client library
            .shareConnections()
            .maxConnectionsPerHost(Integer.getInteger("connections", 32));

    private final ScenarioBuilder reads = scenario("api reads")
            .exec(http("GET " + PATH).get(PATH).check(status().is(200)));

    {
        var setUp = setUp(reads.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION))))
                .protocols(protocol);
        if (P99 != null) {
            setUp.assertions(global().responseTime().percentile(99.0).lt(Integer.parseInt(P99)),
                    global().failedRequests().percent().lt(0.1));
        }
    }
}
