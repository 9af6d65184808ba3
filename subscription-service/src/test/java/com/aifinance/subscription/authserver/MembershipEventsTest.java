package com.aifinance.subscription.authserver;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Accounts;
import com.aifinance.subscription.account.Registration;
import com.aifinance.subscription.testing.Browser;
import com.aifinance.subscription.testing.OAuthClient;
import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.subscription.testing.Streams;
import com.aifinance.subscription.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** enterprise-service's {@code member.*} events, as they arrive on {@code aifa.enterprise}, and what users see of them. */
@ServiceTest
class MembershipEventsTest {

    private static final Duration EVENTS = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Accounts accounts;

    @Autowired
    ClientSecrets secrets;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMembersOrganisationAndRoleAppearInTheirNextTokensAndARoleChangeReplacesTheRole() {
        Account user = TestUsers.verified(registration, encoder, "member");
        String organisation = UUID.randomUUID().toString();
        allowsLoginWithoutMfa(organisation);
        LoggedIn login = logIn(user);
        Jwt before = decoder.decode(login.tokens().path("access_token").asString());
        assertThat(before.getClaims()).doesNotContainKey("org");

        member("member.added", organisation, user, "admin");
        await().atMost(EVENTS).until(() -> organisation.equals(String.valueOf(organisationOf(user))));
        HttpResponse<String> refreshed = dashboard().refresh(login.tokens().path("refresh_token").asString());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode tokens = OAuthClient.json(refreshed.body());
        Jwt member = decoder.decode(tokens.path("access_token").asString());
        assertThat(member.getClaimAsString("org")).isEqualTo(organisation);
        assertThat(member.getClaimAsStringList("roles")).containsExactly("subscriber", "org_admin");

        member("member.role_changed", organisation, user, "analyst");
        await().atMost(EVENTS).until(() -> accounts.byId(user.id()).orElseThrow().roles().contains("org_analyst"));
        Jwt analyst = decoder.decode(OAuthClient.json(dashboard().refresh(tokens.path("refresh_token").asString())
                .body()).path("access_token").asString());
        assertThat(analyst.getClaimAsStringList("roles")).containsExactly("subscriber", "org_analyst");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'membership.changed' and target = ?")
                .param("user:" + user.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void removingAMemberEndsTheirLoginSessionsAndRefreshTokensAtOnce() {
        Account user = TestUsers.verified(registration, encoder, "removed");
        String organisation = UUID.randomUUID().toString();
        allowsLoginWithoutMfa(organisation);
        member("member.added", organisation, user, "billing");
        await().atMost(EVENTS).until(() -> organisation.equals(String.valueOf(organisationOf(user))));
        LoggedIn login = logIn(user);
        LoggedIn otherDevice = logIn(user);
        assertThat(login.browser().get("/login/account").statusCode()).isEqualTo(200);

        member("member.removed", organisation, user, "billing");
        await().atMost(EVENTS).until(() -> organisationOf(user) == null);

        assertThat(login.browser().get("/login/account").statusCode()).as("the login session is gone").isEqualTo(302);
        assertThat(otherDevice.browser().get("/login/account").statusCode()).isEqualTo(302);
        for (LoggedIn device : new LoggedIn[] {login, otherDevice}) {
            HttpResponse<String> refresh = dashboard().refresh(device.tokens().path("refresh_token").asString());
            assertThat(refresh.statusCode()).isEqualTo(400);
            assertThat(refresh.body()).contains("invalid_grant");
        }
        assertThat(accounts.byId(user.id()).orElseThrow().roles()).containsExactly("subscriber");
        assertThat(jdbc.sql("""
                        select after_state ->> 'loginSessions' from audit_log
                        where action = 'sessions.revoked' and target = ? and after_state ->> 'reason' = 'member_removed'""")
                .param("user:" + user.id()).query(String.class).single()).isEqualTo("2");
    }

    @Test
    void aRemovalFromAnotherOrganisationLeavesTheUserLoggedIn() {
        Account user = TestUsers.verified(registration, encoder, "stays");
        String organisation = UUID.randomUUID().toString();
        allowsLoginWithoutMfa(organisation);
        member("member.added", organisation, user, "owner");
        await().atMost(EVENTS).until(() -> organisation.equals(String.valueOf(organisationOf(user))));
        LoggedIn login = logIn(user);

        String eventId = member("member.removed", UUID.randomUUID().toString(), user, "owner");
        await().atMost(EVENTS).until(() -> jdbc.sql("select count(*) from event_inbox where event_id = ?")
                .param(eventId).query(Long.class).single() == 1);

        assertThat(organisationOf(user)).hasToString(organisation);
        assertThat(login.browser().get("/login/account").statusCode()).isEqualTo(200);
        assertThat(dashboard().refresh(login.tokens().path("refresh_token").asString()).statusCode()).isEqualTo(200);
    }

    private UUID organisationOf(Account user) {
        return accounts.byId(user.id()).orElseThrow().organisationId();
    }

    /**
     * Organisations require MFA of their members unless they say otherwise (OrganisationMfaPolicyTest); these tests
     * are about membership alone, so their organisations say otherwise.
     */
    private void allowsLoginWithoutMfa(String organisation) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organisationId", organisation);
        data.put("mfaRequired", false);
        String eventId = Streams.publish(redis, EventStreams.ENTERPRISE, Streams.newId(), "/enterprise-service",
                "mfa_policy.changed", "organisation-" + organisation, Instant.now(), data);
        await().atMost(EVENTS).until(() -> jdbc.sql("select count(*) from event_inbox where event_id = ?")
                .param(eventId).query(Long.class).single() == 1);
    }

    /** enterprise-service's membership event, as its outbox relay publishes it. */
    private String member(String type, String organisation, Account user, String role) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organisationId", organisation);
        data.put("userId", user.id().toString());
        data.put("email", user.email());
        data.put("role", role);
        data.put("roleClaim", "org_" + role);
        return Streams.publish(redis, EventStreams.ENTERPRISE, Streams.newId(), "/enterprise-service", type,
                "organisation-" + organisation, Instant.now(), data);
    }

    /** Logs in through the dashboard's code flow; the browser keeps the login session. */
    private LoggedIn logIn(Account user) {
        OAuthClient dashboard = dashboard();
        OAuthClient.Pkce pkce = OAuthClient.pkce();
        Browser browser = new Browser(port);
        browser.get(dashboard.authorizePath("openid", "member-state", pkce));
        browser.get("/login");
        String callback = Browser.location(browser.follow(browser.post("/login",
                Map.of("username", user.email(), "password", TestUsers.PASSWORD))));
        assertThat(callback).startsWith(OAuthClient.REDIRECT_URI);
        return new LoggedIn(browser, dashboard.exchange(OAuthClient.queryParameter(callback, "code"), pkce));
    }

    private OAuthClient dashboard() {
        return new OAuthClient(port, "dashboard-hub", secrets.secretFor("dashboard-hub"));
    }

    private record LoggedIn(Browser browser, JsonNode tokens) {
    }
}
