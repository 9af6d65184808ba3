package com.aifinance.load;

import java.time.Duration;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A subscriber using the dashboards through the gateway: logs in once (the real OAuth2 flow: hub → subscription-
 * service's login page → back; bcrypt is slow on purpose, so login is its own group) and then opens pages and the
 * panels each page loads, with 1–3 s of think time per page. Each virtual user is a browser with its own cookies
 * and connections.
 */
final class Dashboards {

    static final String LOGIN = "login";
    static final String BROWSE = "browse";

    private Dashboards() {
    }

    static HttpProtocolBuilder browserProtocol() {
        return http.baseUrl(LocalPlatform.URL)
                .acceptHeader("text/html,application/xhtml+xml")
                .acceptLanguageHeader("en")
                .userAgentHeader("aifa-load-test");
    }

    private static final ChainBuilder LOG_IN = group(LOGIN).on(
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
                    .header("HX-Current-URL", LocalPlatform.URL + path).check(status().is(200)));
        }
        return chain.pause(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    private static final ChainBuilder BROWSING = group(BROWSE).on(
            page("overview", "/dashboard", "/signals/panels/latest", "/account/panels/subscription")
                    .exec(page("signals", "/signals", "/signals/panels/list"))
                    .exec(page("accuracy", "/accuracy", "/accuracy/panels/model", "/accuracy/panels/performance"))
                    .exec(page("plan", "/account/subscription", "/account/panels/subscription",
                            "/account/panels/plans"))
                    .exec(page("invoices", "/account/invoices", "/account/panels/invoices"))
                    .exec(page("notifications", "/account/notifications", "/account/panels/notifications")));

    /** Log in, then browse until the simulation ends. */
    static ScenarioBuilder subscribersBrowsing() {
        return scenario("subscribers browsing")
                .exec(feed(LocalPlatform.subscriberLogins()))
                .exec(LOG_IN)
                .forever().on(BROWSING);
    }
}
