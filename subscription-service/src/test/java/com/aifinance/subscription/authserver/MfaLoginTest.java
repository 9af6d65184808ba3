package com.aifinance.subscription.authserver;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Mfa;
import com.aifinance.subscription.account.Registration;
import com.aifinance.subscription.testing.Authenticator;
import com.aifinance.subscription.testing.Browser;
import com.aifinance.subscription.testing.OAuthClient;
import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.subscription.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class MfaLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Mfa mfa;

    @Autowired
    ClientSecrets secrets;

    @Autowired
    JwtDecoder decoder;

    @Test
    void userWithMfaGetsTokensOnlyAfterTheCodeAndTheTokensSayOtp() {
        Account user = TestUsers.verified(registration, encoder, "mfa");
        String secret = mfa.enrollDirectly(user.id());
        OAuthClient dashboard = new OAuthClient(port, "dashboard-hub", secrets.secretFor("dashboard-hub"));
        OAuthClient.Pkce pkce = OAuthClient.pkce();
        Browser browser = new Browser(port);
        browser.get(dashboard.authorizePath("openid", "s", pkce));
        browser.get("/login");
        HttpResponse<String> afterPassword = browser.post("/login",
                Map.of("username", user.email(), "password", TestUsers.PASSWORD));
        assertThat(Browser.location(afterPassword)).endsWith("/login/mfa");

        HttpResponse<String> stillPending = browser.get(dashboard.authorizePath("openid", "s", pkce));
        assertThat(Browser.location(stillPending)).as("the password alone is not a login").endsWith("/login");

        browser.get("/login/mfa");
        assertThat(browser.post("/login/mfa", Map.of("code", "000000")).body()).contains("That code is not right");
        HttpResponse<String> verified = browser.post("/login/mfa",
                Map.of("code", Authenticator.code(secret, Instant.now())));
        String callback = Browser.location(browser.follow(verified));
        assertThat(callback).startsWith(OAuthClient.REDIRECT_URI);

        JsonNode tokens = dashboard.exchange(OAuthClient.queryParameter(callback, "code"), pkce);
        Jwt access = decoder.decode(tokens.path("access_token").asString());
        assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd", "otp");
    }

    @Autowired
    com.aifinance.subscription.lifecycle.Subscriptions subscriptions;

    @Test
    void enterpriseUserMustEnrollBeforeGettingTokensAndTheTokenCarriesTheTier() {
        Account user = TestUsers.verified(registration, encoder, "enterprise");
        var trial = subscriptions.start(user.id(), "enterprise-month-usd", "test");
        subscriptions.apply(trial.id(), com.aifinance.subscription.lifecycle.Action.ACTIVATE, null, Instant.now(),
                "test", "paid");
        OAuthClient dashboard = new OAuthClient(port, "dashboard-hub", secrets.secretFor("dashboard-hub"));
        OAuthClient.Pkce pkce = OAuthClient.pkce();
        Browser browser = new Browser(port);
        browser.get(dashboard.authorizePath("openid", "s", pkce));
        HttpResponse<String> afterPassword = passwordStep(browser, user);
        assertThat(Browser.location(afterPassword)).endsWith("/login/mfa/enroll");
        assertThat(Browser.location(browser.get(dashboard.authorizePath("openid", "s", pkce)))).endsWith("/login");

        String page = browser.get("/login/mfa/enroll").body();
        assertThat(page).contains("Your plan or your organisation requires two-step verification");
        Matcher secret = Pattern.compile("<code>([A-Z2-7]+)</code>").matcher(page);
        assertThat(secret.find()).isTrue();
        String codes = browser.post("/login/mfa/enroll",
                Map.of("code", Authenticator.code(secret.group(1), Instant.now()))).body();
        Matcher next = Pattern.compile("class=\"button\" href=\"([^\"]+)\"").matcher(codes);
        assertThat(next.find()).as(codes).isTrue();
        String callback = Browser.location(browser.follow(browser.get(next.group(1).replace("&amp;", "&"))));
        assertThat(callback).startsWith(OAuthClient.REDIRECT_URI);

        Jwt access = decoder.decode(dashboard.exchange(OAuthClient.queryParameter(callback, "code"), pkce)
                .path("access_token").asString());
        assertThat(access.getClaimAsString("tier")).isEqualTo("enterprise");
        assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd", "otp");
    }

    @Test
    void aRecoveryCodeWorksOnceInPlaceOfTheAppCode() {
        Account user = TestUsers.verified(registration, encoder, "recovery");
        Browser browser = new Browser(port);
        List<String> codes = enrollThroughTheAccountPage(browser, user);
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        browser.get("/login/account");
        browser.post("/login/logout", Map.of());

        assertThat(Browser.location(passwordStep(browser, user))).endsWith("/login/mfa");
        browser.get("/login/mfa");
        assertThat(Browser.location(browser.post("/login/mfa", Map.of("code", codes.getFirst()))))
                .endsWith("/login/account");
        browser.get("/login/account");
        browser.post("/login/logout", Map.of());

        passwordStep(browser, user);
        browser.get("/login/mfa");
        assertThat(browser.post("/login/mfa", Map.of("code", codes.getFirst())).body()).contains("not right");
        assertThat(mfa.remainingRecoveryCodes(user.id())).isEqualTo(9);
    }

    @Test
    void enrollmentShowsAQrCodeAndTheSecretAndNeedsAValidFirstCode() {
        Account user = TestUsers.verified(registration, encoder, "enroll");
        Browser browser = new Browser(port);
        passwordStep(browser, user);
        HttpResponse<String> page = browser.get("/login/mfa/enroll");
        assertThat(page.body()).contains("src=\"data:image/png;base64,").contains("alt=\"QR code");
        assertThat(browser.post("/login/mfa/enroll", Map.of("code", "123456")).body()).contains("not right");
    }

    @Autowired
    com.aifinance.subscription.testing.MutableClock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @org.junit.jupiter.api.AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void newRecoveryCodesNeedThePasswordAndASecondFactorAndReplaceTheOldOnes() {
        Account user = TestUsers.verified(registration, encoder, "new-codes");
        Browser browser = new Browser(port);
        List<String> old = enrollThroughTheAccountPage(browser, user);
        assertThat(browser.get("/login/account").body()).contains("Get new recovery codes");

        assertThat(browser.get("/login/account/recovery-codes").body()).contains("Your password");
        assertThat(browser.post("/login/account/recovery-codes",
                Map.of("password", "not the password at all", "code", old.get(0))).body())
                .contains("That password is not right");
        assertThat(browser.post("/login/account/recovery-codes",
                Map.of("password", TestUsers.PASSWORD, "code", "000000")).body()).contains("That code is not right");
        String page = browser.post("/login/account/recovery-codes",
                Map.of("password", TestUsers.PASSWORD, "code", old.get(0))).body();

        List<String> fresh = codes(page);
        assertThat(page).contains("Your old recovery codes no longer work");
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(old);
        assertThat(mfa.verify(user.id(), old.get(1))).as("an unused old code").isFalse();
        assertThat(mfa.verify(user.id(), fresh.getFirst())).isTrue();
        assertThat(audits(user, "mfa.recovery_codes_regenerated")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from login_attempts where user_id = ? and not succeeded")
                .param(user.id()).query(Long.class).single()).as("wrong answers count towards the lockout")
                .isEqualTo(2);
    }

    @Test
    void mfaIsTurnedOffOnlyWithThePasswordAndACurrentCodeAndThenThePasswordAloneLogsIn() {
        Account user = TestUsers.verified(registration, encoder, "mfa-off");
        Browser browser = new Browser(port);
        enrollThroughTheAccountPage(browser, user);
        String secret = mfa.secretOfEnrolled(user.id()).orElseThrow();
        assertThat(browser.get("/login/account").body()).contains("Turn off two-step verification");
        browser.get("/login/account/mfa/disable");
        assertThat(browser.post("/login/account/mfa/disable", Map.of("password", TestUsers.PASSWORD, "code", ""))
                .body()).contains("That code is not right");
        assertThat(mfa.secretOfEnrolled(user.id())).isPresent();

        clock.advance(Duration.ofSeconds(60));   // the enrollment used the current time step; codes are single use
        HttpResponse<String> off = browser.post("/login/account/mfa/disable", Map.of("password", TestUsers.PASSWORD,
                "code", Authenticator.code(secret, clock.instant())));
        assertThat(Browser.location(off)).endsWith("/login/account?mfa=off");
        assertThat(browser.get(Browser.location(off)).body()).contains("Two-step verification is off")
                .contains("Turn on two-step verification");
        assertThat(mfa.remainingRecoveryCodes(user.id())).isZero();
        assertThat(audits(user, "mfa.disabled")).isEqualTo(1);

        browser.post("/login/logout", Map.of());
        assertThat(Browser.location(passwordStep(browser, user))).endsWith("/login/account");
    }

    @Test
    void enterpriseUsersCannotTurnMfaOff() {
        Account user = TestUsers.verified(registration, encoder, "enterprise-keeps-mfa");
        String secret = mfa.enrollDirectly(user.id());
        var trial = subscriptions.start(user.id(), "enterprise-month-usd", "test");
        subscriptions.apply(trial.id(), com.aifinance.subscription.lifecycle.Action.ACTIVATE, null, Instant.now(),
                "test", "paid");
        Browser browser = new Browser(port);
        passwordStep(browser, user);
        browser.get("/login/mfa");
        browser.post("/login/mfa", Map.of("code", Authenticator.code(secret, Instant.now())));

        String account = browser.get("/login/account").body();
        assertThat(account).contains("Get new recovery codes").doesNotContain("Turn off two-step verification")
                .contains("requires two-step verification");
        assertThat(Browser.location(browser.get("/login/account/mfa/disable"))).endsWith("/login/account?mfa=mandatory");
        clock.advance(Duration.ofSeconds(60));
        HttpResponse<String> attempt = browser.post("/login/account/mfa/disable", Map.of("password", TestUsers.PASSWORD,
                "code", Authenticator.code(secret, clock.instant())));
        assertThat(Browser.location(attempt)).endsWith("/login/account?mfa=mandatory");
        assertThat(mfa.secretOfEnrolled(user.id())).isPresent();
        assertThat(audits(user, "mfa.disabled")).isZero();
    }

    private long audits(Account user, String action) {
        return jdbc.sql("select count(*) from audit_log where action = ? and target = ?")
                .params(action, "user:" + user.id()).query(Long.class).single();
    }

    private static List<String> codes(String page) {
        Matcher codes = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>").matcher(page);
        List<String> found = new java.util.ArrayList<>();
        while (codes.find()) {
            found.add(codes.group(1));
        }
        return found;
    }

    /** Logs in with the password, opens the enrollment page, scans the secret and confirms. */
    private List<String> enrollThroughTheAccountPage(Browser browser, Account user) {
        passwordStep(browser, user);
        String page = browser.get("/login/mfa/enroll").body();
        Matcher secret = Pattern.compile("<code>([A-Z2-7]+)</code>").matcher(page);
        assertThat(secret.find()).isTrue();
        String codesPage = browser.post("/login/mfa/enroll",
                Map.of("code", Authenticator.code(secret.group(1), Instant.now().plus(Duration.ofSeconds(30))))).body();
        return codes(codesPage);
    }

    private static HttpResponse<String> passwordStep(Browser browser, Account user) {
        browser.get("/login");
        return browser.post("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD));
    }
}
