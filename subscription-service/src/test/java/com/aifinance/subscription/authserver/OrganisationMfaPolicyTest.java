package com.aifinance.subscription.authserver;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.subscription.account.Account;
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
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** enterprise-service's {@code mfa_policy.changed}, as it arrives on {@code aifa.enterprise}, and what members see of it. */
@ServiceTest
class OrganisationMfaPolicyTest {

    private static final Duration EVENTS = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ClientSecrets secrets;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Test
    void whenAnOrganisationRequiresMfaEveryMemberMustUseItAtTheirNextLoginAndTokensWithoutItStop() {
        String organisation = UUID.randomUUID().toString();
        Instant optedOut = Instant.now().minusSeconds(60);
        applied(policy(organisation, false, optedOut));
        Account member = member(organisation, "analyst");
        HttpResponse<String> allowed = dashboard().refresh(logInWithoutMfa(member).path("refresh_token").asString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        String refreshToken = OAuthClient.json(allowed.body()).path("refresh_token").asString();

        applied(policy(organisation, true, optedOut.plusSeconds(30)));

        HttpResponse<String> refresh = dashboard().refresh(refreshToken);
        assertThat(refresh.statusCode()).as("a login without MFA gets no more tokens").isEqualTo(400);
        assertThat(refresh.body()).contains("invalid_grant");
        assertThat(afterPassword(member)).as("the next login enrolls MFA").endsWith("/login/mfa/enroll");
        assertThat(jdbc.sql("""
                        select after_state ->> 'mfaRequired' from audit_log
                        where action = 'organisation.mfa_policy_applied' and target = ? order by id desc limit 1""")
                .param("organisation:" + organisation).query(String.class).single()).isEqualTo("true");
    }

    @Test
    void anOrganisationThatAllowsLoginsWithoutMfaLetsItsMembersInWithThePasswordAlone() {
        String organisation = UUID.randomUUID().toString();
        Account member = member(organisation, "billing");
        assertThat(afterPassword(member)).as("no policy announced: enterprise-service's default, required")
                .endsWith("/login/mfa/enroll");

        applied(policy(organisation, false, Instant.now()));

        assertThat(dashboard().refresh(logInWithoutMfa(member).path("refresh_token").asString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aLateOrRedeliveredPolicyEventDoesNotUndoANewerPolicy() {
        String organisation = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String required = applied(policy(organisation, true, now));
        applied(policy(organisation, false, now.minusSeconds(300)));
        Map<String, Object> stale = policyData(organisation, false);
        Streams.publish(redis, EventStreams.ENTERPRISE, required, "/enterprise-service", "mfa_policy.changed",
                "organisation-" + organisation, now.plusSeconds(60), stale);   // the same event id again
        Account member = member(organisation, "admin");

        assertThat(jdbc.sql("select mfa_required from organisation_mfa_policies where organisation_id = ?::uuid")
                .param(organisation).query(Boolean.class).single()).isTrue();
        assertThat(afterPassword(member)).endsWith("/login/mfa/enroll");
    }

    /** enterprise-service's event as its outbox relay publishes it; returns the event id. */
    private String policy(String organisation, boolean required, Instant at) {
        return Streams.publish(redis, EventStreams.ENTERPRISE, Streams.newId(), "/enterprise-service",
                "mfa_policy.changed", "organisation-" + organisation, at, policyData(organisation, required));
    }

    private static Map<String, Object> policyData(String organisation, boolean required) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organisationId", organisation);
        data.put("mfaRequired", required);
        data.put("changedBy", "user-of-" + organisation);
        return data;
    }

    private String applied(String eventId) {
        await().atMost(EVENTS).until(() -> jdbc.sql("select count(*) from event_inbox where event_id = ?")
                .param(eventId).query(Long.class).single() == 1);
        return eventId;
    }

    private Account member(String organisation, String role) {
        Account user = TestUsers.verified(registration, encoder, "policy");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organisationId", organisation);
        data.put("userId", user.id().toString());
        data.put("email", user.email());
        data.put("role", role);
        applied(Streams.publish(redis, EventStreams.ENTERPRISE, Streams.newId(), "/enterprise-service", "member.added",
                "organisation-" + organisation, Instant.now(), data));
        return user;
    }

    /** Where the login page sends the user after a correct password. */
    private String afterPassword(Account user) {
        Browser browser = new Browser(port);
        browser.get(dashboard().authorizePath("openid", "policy-state", OAuthClient.pkce()));
        browser.get("/login");
        return Browser.location(browser.post("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD)));
    }

    private JsonNode logInWithoutMfa(Account user) {
        OAuthClient dashboard = dashboard();
        OAuthClient.Pkce pkce = OAuthClient.pkce();
        Browser browser = new Browser(port);
        browser.get(dashboard.authorizePath("openid", "policy-state", pkce));
        browser.get("/login");
        String callback = Browser.location(browser.follow(browser.post("/login",
                Map.of("username", user.email(), "password", TestUsers.PASSWORD))));
        assertThat(callback).startsWith(OAuthClient.REDIRECT_URI);
        return dashboard.exchange(OAuthClient.queryParameter(callback, "code"), pkce);
    }

    private OAuthClient dashboard() {
        return new OAuthClient(port, "dashboard-hub", secrets.secretFor("dashboard-hub"));
    }
}
