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
        assertThat(page).contains("Your plan requires two-step verification");
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

    /** Logs in with the password, opens the enrollment page, scans the secret and confirms. */
    private List<String> enrollThroughTheAccountPage(Browser browser, Account user) {
        passwordStep(browser, user);
        String page = browser.get("/login/mfa/enroll").body();
        Matcher secret = Pattern.compile("<code>([A-Z2-7]+)</code>").matcher(page);
        assertThat(secret.find()).isTrue();
        String codesPage = browser.post("/login/mfa/enroll",
                Map.of("code", Authenticator.code(secret.group(1), Instant.now().plus(Duration.ofSeconds(30))))).body();
        Matcher codes = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>").matcher(codesPage);
        List<String> found = new java.util.ArrayList<>();
        while (codes.find()) {
            found.add(codes.group(1));
        }
        return found;
    }

    private static HttpResponse<String> passwordStep(Browser browser, Account user) {
        browser.get("/login");
        return browser.post("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD));
    }
}
