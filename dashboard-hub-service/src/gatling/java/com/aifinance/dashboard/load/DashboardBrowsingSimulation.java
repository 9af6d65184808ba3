package com.aifinance.dashboard.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * 100 concurrent users browsing the dashboards through the gateway of a running platform: each logs in once (the
 * real OAuth2 flow: hub → subscription-service's login page → back) and then opens pages and the panels the pages
 * load, with think time. The target (the seed's SLA) is a P95 page response under 200 ms; it is asserted on the
 * browsing requests, not on the one-off login (bcrypt is slow on purpose).
 *
 * <pre>./mvnw -B -pl dashboard-hub-service -Pgatling gatling:test [-Daifa.platform.url=http://localhost:8080]
 *     [-Dusers=100 -Dramp=60 -Dhold=180]</pre>
 */
public class DashboardBrowsingSimulation extends Simulation {

    private static final String URL = System.getProperty("aifa.platform.url", "http://localhost:8080");
    private static final int USERS = Integer.getInteger("users", 100);
    private static final int RAMP = Integer.getInteger("ramp", 60);
    private static final int HOLD = Integer.getInteger("hold", 180);

    private final HttpProtocolBuilder protocol = http.baseUrl(URL)
            .acceptHeader("text/html,application/xhtml+xml")
            .acceptLanguageHeader("en")
            .userAgentHeader("aifa-load-test");

    /** The demo subscribers of the local platform, in turn. */
    private static Iterator<Map<String, Object>> demoUsers() {
        String local = System.getenv().getOrDefault("AIFA_LOCAL_DIR", "../.local");
        try {
            JsonNode users = JsonMapper.builder().build()
                    .readTree(Files.readString(Path.of(local, "data", "demo-credentials.json"))).path("users");
            List<Map<String, Object>> logins = new ArrayList<>();
            for (JsonNode user : users) {
                if (List.of("basic", "pro").contains(user.path("role").asString())) {
                    logins.add(Map.of("email", user.path("email").asString(),
                            "password", user.path("password").asString()));
                }
            }
            return Stream.generate(() -> logins).flatMap(List::stream).iterator();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("demo-credentials.json not readable: is the platform running?", e);
        }
    }

    private final ChainBuilder logIn = group("login").on(
            exec(http("open the dashboard").get("/dashboard")
                    // the hub sends the browser to subscription-service's login page (redirects are followed)
                    .check(css("input[name=_csrf]", "value").saveAs("csrf")))
            .exec(http("submit the password").post("/login")
                    .formParam("username", "#{email}")
                    .formParam("password", "#{password}")
                    .formParam("_csrf", "#{csrf}")
                    .check(status().is(200))
                    .check(css("meta[name=_csrf]", "content").saveAs("hubCsrf"))));

    private static ChainBuilder page(String name, String path, String... panels) {
        ChainBuilder chain = exec(http(name).get(path).check(status().is(200)));
        for (String panel : panels) {
            chain = chain.exec(http(name + " panel " + panel).get(panel).header("HX-Request", "true")
                    .header("HX-Current-URL", URL + path).check(status().is(200)));
        }
        return chain.pause(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    private final ChainBuilder browse = group("browse").on(
            page("overview", "/dashboard", "/signals/panels/latest", "/account/panels/subscription")
                    .exec(page("signals", "/signals", "/signals/panels/list"))
                    .exec(page("accuracy", "/accuracy", "/accuracy/panels/model", "/accuracy/panels/performance"))
                    .exec(page("plan", "/account/subscription", "/account/panels/subscription", "/account/panels/plans"))
                    .exec(page("invoices", "/account/invoices", "/account/panels/invoices"))
                    .exec(page("notifications", "/account/notifications", "/account/panels/notifications")));

    private final ScenarioBuilder subscribers = scenario("subscribers browsing")
            .exec(feed(demoUsers()))
            .exec(logIn)
            .forever().on(browse);

    {
        setUp(subscribers.injectClosed(
                rampConcurrentUsers(0).to(USERS).during(Duration.ofSeconds(RAMP)),
                constantConcurrentUsers(USERS).during(Duration.ofSeconds(HOLD))))
                .maxDuration(Duration.ofSeconds(RAMP + HOLD + 30))
                .protocols(protocol)
                .assertions(details("browse").responseTime().percentile(95.0).lt(200),
                        details("browse").failedRequests().percent().lt(1.0));
    }
}
