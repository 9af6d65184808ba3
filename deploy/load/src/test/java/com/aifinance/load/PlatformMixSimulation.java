package com.aifinance.load;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The seed's launch check (issue 11): subscribers on the dashboards (closed model, 1,500 concurrent by default, each
 * a browser that logs in and browses with think time) while API traffic arrives at a constant rate (open model,
 * 1,000 requests/s by default) in the mix of an API day: signal reads, accuracy reads, client-credentials token
 * requests (the institutional clients' token refreshes) and signed Stripe webhooks, a fifth of them redelivered
 * duplicates. The platform must run with the same Stripe webhook secret ({@code STRIPE_WEBHOOK_SECRET}).
 *
 * <pre>STRIPE_WEBHOOK_SECRET=whsec_load_test deploy/local/run --detach
 * deploy/load/run PlatformMixSimulation [-Dusers=1500 -Drate=1000 -Dramp=120 -Dhold=120]
 *     [-Dstripe.secret=whsec_load_test]</pre>
 *
 * Asserted (the seed's SLA): dashboard browsing P95 < 200 ms, API P99 < 100 ms, errors < 0.1 %.
 */
public class PlatformMixSimulation extends Simulation {

    private static final int USERS = Integer.getInteger("users", 1500);
    private static final int RATE = Integer.getInteger("rate", 1000);
    private static final int RAMP = Integer.getInteger("ramp", 120);
    private static final int HOLD = Integer.getInteger("hold", 120);
    private static final String STRIPE_SECRET = System.getProperty("stripe.secret", "whsec_load_test");
    private static final String API = "api";

    private final String token = LocalPlatform.institutionalToken();
    private final String clientBasic = LocalPlatform.institutionalClientBasic();

    private final HttpProtocolBuilder apiProtocol = http.baseUrl(LocalPlatform.URL)
            .acceptHeader("application/json")
            .userAgentHeader("aifa-load-test-api")
            .shareConnections()
            .maxConnectionsPerHost(64);

    /** Signed Stripe events of a type billing stores and ignores; one in five repeats an earlier event id. */
    private static Iterator<Map<String, Object>> stripeEvents() {
        String[] recent = new String[64];
        return Stream.generate(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int slot = random.nextInt(recent.length);
            String id = recent[slot] != null && random.nextInt(5) == 0 ? recent[slot]
                    : "evt_load_" + UUID.randomUUID().toString().replace("-", "");
            recent[slot] = id;
            long now = Instant.now().getEpochSecond();
            String body = """
                    {"id":"%s","object":"event","api_version":"2025-03-31.basil","created":%d,\
                    "type":"customer.updated","livemode":false,"pending_webhooks":1,\
                    "request":{"id":null,"idempotency_key":null},\
                    "data":{"object":{"id":"cus_load","object":"customer","email":"load@example.com"}}}"""
                    .formatted(id, now);
            return Map.<String, Object>of("stripeBody", body,
                    "stripeSignature", LocalPlatform.stripeSignature(STRIPE_SECRET, body, now));
        }).iterator();
    }

    private final ScenarioBuilder apiTraffic = scenario("api traffic").exec(randomSwitch().on(
            percent(80.0).then(exec(http("signals").get("/v1/signals?limit=20")
                    .header("Authorization", "Bearer " + token).check(status().is(200)))),
            percent(8.0).then(exec(http("accuracy").get("/v1/accuracy?mode=live")
                    .header("Authorization", "Bearer " + token).check(status().is(200)))),
            percent(2.0).then(exec(http("token").post("/oauth2/token")
                    .header("Authorization", clientBasic)
                    .formParam("grant_type", "client_credentials").formParam("scope", "signals:read accuracy:read")
                    .check(status().is(200), jsonPath("$.access_token").exists()))),
            percent(10.0).then(feed(stripeEvents()).exec(http("stripe webhook")
                    .post("/api/billing/webhooks/stripe")
                    .header("Content-Type", "application/json")
                    .header("Stripe-Signature", "#{stripeSignature}")
                    .body(StringBody("#{stripeBody}"))
                    .check(status().in(200, 202))))));

    {
        setUp(
                Dashboards.subscribersBrowsing().injectClosed(
                                rampConcurrentUsers(0).to(USERS).during(Duration.ofSeconds(RAMP)),
                                constantConcurrentUsers(USERS).during(Duration.ofSeconds(HOLD)))
                        .protocols(Dashboards.browserProtocol()),
                apiTraffic.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(RAMP + HOLD)))
                        .protocols(apiProtocol))
                .maxDuration(Duration.ofSeconds(RAMP + HOLD + 30))
                .assertions(global().responseTime().percentile(95.0).lt(200),
                        details("signals").responseTime().percentile(99.0).lt(100),
                        global().failedRequests().percent().lt(0.1));
    }
}
