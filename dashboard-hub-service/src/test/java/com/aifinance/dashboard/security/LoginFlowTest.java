package com.aifinance.dashboard.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.aifinance.dashboard.support.Browser;
import com.aifinance.dashboard.support.FakePlatform;
import com.aifinance.dashboard.support.FakePlatform.Service;
import com.aifinance.dashboard.support.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@HubTest
class LoginFlowTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    private final FakePlatform fakes = FakePlatform.get();

    @BeforeEach
    void reset() {
        fakes.reset();
    }

    @Test
    void aPageWithoutASessionSendsTheBrowserToLogInThroughTheGateway() {
        HttpResponse<String> page = new Browser(port).get("/account/invoices");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(Browser.location(page)).isEqualTo("http://localhost:8080/oauth2/authorization/aifa");
    }

    @Test
    void theAuthorizationRequestUsesPkceAndTheRegisteredRedirectUri() {
        Browser browser = new Browser(port);
        browser.get("/dashboard");

        HttpResponse<String> authorize = browser.get("/oauth2/authorization/aifa");

        assertThat(Browser.location(authorize)).startsWith("http://localhost:8080/oauth2/authorize?");
        Map<String, String> query = Browser.query(Browser.location(authorize));
        assertThat(query).containsEntry("client_id", "dashboard-hub").containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", "http://localhost:8080/login/oauth2/code/aifa")
                .containsKeys("code_challenge", "state", "nonce");
        assertThat(query.get("scope")).contains("openid").contains("signals:read");
    }

    @Test
    void loggingInReturnsTheUserToThePageTheyWantedAndExchangesTheCodeWithTheVerifier() {
        Browser browser = new Browser(port);
        fakes.json(Service.BILLING, "GET", "/api/billing/invoices", 200, "[]");

        browser.login(Browser.User.subscriber("pro"), Instant.now().plus(Duration.ofMinutes(15)), "/account/invoices");

        String exchange = FakePlatform.body(fakes.requests(Service.SUBSCRIPTION, "POST", "/oauth2/token").getFirst());
        assertThat(exchange).contains("grant_type=authorization_code").contains("code_verifier=");
        HttpResponse<String> page = browser.get("/account/invoices");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Invoices").contains("user-pro@example.com");
    }

    @Test
    void aPanelRequestWithoutASessionTellsHtmxToReloadThePageThroughLogin() {
        HttpResponse<String> panel = new Browser(port).panel("/account/panels/invoices", "/account/invoices?x=1");

        assertThat(panel.statusCode()).isEqualTo(401);
        assertThat(panel.headers().firstValue("HX-Redirect")).hasValue("/account/invoices?x=1");
    }

    @Test
    void anExpiringAccessTokenIsRefreshedOnceAndTheNewTokenIsUsed() {
        Browser browser = new Browser(port);
        Browser.User user = Browser.User.subscriber("basic");
        browser.login(user, Instant.now().plusSeconds(20), "/dashboard");
        browser.programTokens(user, Instant.now().plus(Duration.ofMinutes(15)), null, "refresh-2");
        fakes.json(Service.BILLING, "GET", "/api/billing/invoices", 200, "[]");

        HttpResponse<String> panel = browser.panel("/account/panels/invoices", "/account/invoices");
        browser.panel("/account/panels/invoices", "/account/invoices");

        assertThat(panel.statusCode()).isEqualTo(200);
        var refreshes = fakes.requests(Service.SUBSCRIPTION, "POST", "/oauth2/token").stream()
                .map(FakePlatform::body).filter(body -> body.contains("grant_type=refresh_token")).toList();
        assertThat(refreshes).hasSize(1);
        assertThat(refreshes.getFirst()).contains("refresh_token=refresh-" + user.subject());
        var calls = fakes.requests(Service.BILLING, "GET", "/api/billing/invoices");
        assertThat(calls).hasSize(2);
        assertThat(calls.getLast().getHeaders().get("Authorization"))
                .isNotEqualTo("Bearer " + user.subject());
    }

    @Test
    void aRefusedRefreshEndsTheSessionAndSendsTheUserThroughLoginAgain() {
        Browser browser = new Browser(port);
        browser.login(Browser.User.subscriber("pro"), Instant.now().plusSeconds(10), "/dashboard");
        fakes.json(Service.SUBSCRIPTION, "POST", "/oauth2/token", 400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"reused\"}");

        HttpResponse<String> panel = browser.panel("/account/panels/invoices", "/account/invoices");

        assertThat(panel.statusCode()).isEqualTo(401);
        assertThat(panel.headers().firstValue("HX-Redirect")).hasValue("/account/invoices");
        assertThat(browser.get("/account/invoices").statusCode()).isEqualTo(302);
    }

    @Test
    void loggingOutEndsTheSessionHereAndAtTheAuthorizationServer() {
        Browser browser = new Browser(port);
        browser.login(Browser.User.subscriber("pro"));

        HttpResponse<String> logout = browser.submit("/logout", Map.of());

        assertThat(logout.statusCode()).isEqualTo(302);
        Map<String, String> query = Browser.query(Browser.location(logout));
        assertThat(Browser.location(logout)).startsWith("http://localhost:8080/oauth2/logout?");
        assertThat(query).containsEntry("client_id", "dashboard-hub")
                .containsEntry("post_logout_redirect_uri", "http://localhost:8080/").containsKey("id_token_hint");
        assertThat(browser.get("/dashboard").statusCode()).isEqualTo(302);
    }

    @Test
    void sessionsAreKeptInRedisUnderTheHubsOwnNamespace() {
        Browser browser = new Browser(port);
        browser.login(Browser.User.subscriber("pro"));

        HttpResponse<String> page = browser.get("/account/settings");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(redis.keys("aifa:dashboard:session:sessions:*")).isNotEmpty();
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() {
        Browser browser = new Browser(port);
        browser.login(Browser.User.subscriber("pro"));

        HttpResponse<String> post = browser.postWithoutCsrf("/account/settings",
                Map.of("theme", "dark", "landingPage", "signals", "timeZone", "UTC"));

        assertThat(post.statusCode()).isEqualTo(403);
    }
}
