package com.aifinance.subscription.account;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.subscription.testing.Browser;
import com.aifinance.subscription.testing.MutableClock;
import com.aifinance.subscription.testing.OAuthClient;
import com.aifinance.subscription.testing.Outboxes;
import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.subscription.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class AccountFlowsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Registration registration;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void signUpEmailsAVerificationLinkAndOnlyTheVerifiedAccountCanLogIn() {
        String email = TestUsers.uniqueEmail("signup");
        Browser browser = new Browser(port);
        browser.get("/login/signup");
        HttpResponse<String> sent = browser.post("/login/signup", Map.of("email", email,
                "password", TestUsers.PASSWORD, "confirmPassword", TestUsers.PASSWORD));
        assertThat(sent.body()).contains("Check your e-mail");

        JsonNode notification = Outboxes.lastNotification(jdbc, email, "email_verification");
        assertThat(notification.path("channel").asString()).isEqualTo("email");
        assertThat(notification.path("priority").asString()).isEqualTo("high");
        String link = notification.path("params").path("verificationUrl").asString();
        assertThat(link).startsWith("http://localhost:8080/login/verify-email?token=");

        assertThat(Browser.location(logIn(browser, email, TestUsers.PASSWORD))).endsWith("/login?error=unverified");

        String token = OAuthClient.queryParameter(link, "token");
        assertThat(browser.get("/login/verify-email?token=" + token).body()).contains("Your e-mail address is verified");
        assertThat(browser.get("/login/verify-email?token=" + token).body()).as("single use").contains("invalid");
        String userId = jdbc.sql("select id::text from users where email = ?").param(email).query(String.class).single();
        assertThat(Outboxes.events(jdbc, "subscriber.registered", userId)).singleElement()
                .satisfies(data -> assertThat(data.path("email").asString()).isEqualTo(email));

        assertThat(Browser.location(logIn(browser, email, TestUsers.PASSWORD))).endsWith("/login/account");
        assertThat(browser.get("/login/account").body()).contains(email);
    }

    @Test
    void weakPasswordsAreRefusedWithTheReasonAndNoAccountIsCreated() {
        String email = TestUsers.uniqueEmail("weak");
        Browser browser = new Browser(port);
        browser.get("/login/signup");
        assertThat(signUp(browser, email, "short1").body()).contains("Use at least 12 characters.");
        assertThat(signUp(browser, email, "password1234").body()).contains("too common");
        String local = email.substring(0, email.indexOf('@'));
        assertThat(signUp(browser, email, "my " + local + " secret").body()).contains("must not contain your e-mail");
        assertThat(signUp(browser, "not-an-address", TestUsers.PASSWORD).body()).contains("valid e-mail address");
        assertThat(jdbc.sql("select count(*) from users where email = ?").param(email).query(Long.class).single()).isZero();
    }

    @Test
    void passwordBruteForceLocksTheAccountEvenForTheRightPasswordAndTheEmailedLinkUnlocksIt() {
        Account user = TestUsers.verified(registration, encoder, "brute");
        Browser browser = new Browser(port);
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(Browser.location(logIn(browser, user.email(), "wrong password " + attempt)))
                    .endsWith("/login?error=invalid");
        }
        assertThat(Browser.location(logIn(browser, user.email(), "wrong password 5"))).endsWith("/login?error=locked");
        assertThat(Browser.location(logIn(browser, user.email(), TestUsers.PASSWORD))).endsWith("/login?error=locked");

        assertThat(jdbc.sql("select count(*) from audit_log where action = 'account.locked' and target = ?")
                .param("user:" + user.id()).query(Long.class).single()).isEqualTo(1);
        String unlockUrl = Outboxes.lastNotification(jdbc, user.email(), "account_locked")
                .path("params").path("unlockUrl").asString();
        String token = OAuthClient.queryParameter(unlockUrl, "token");

        assertThat(browser.get("/login/unlock?token=" + token).body()).contains("Unlock my account");
        assertThat(browser.post("/login/unlock", Map.of("token", token)).body()).contains("Your account is unlocked");
        assertThat(Browser.location(logIn(browser, user.email(), TestUsers.PASSWORD))).endsWith("/login/account");
        assertThat(jdbc.sql("select actor from audit_log where action = 'account.unlocked' and target = ?")
                .param("user:" + user.id()).query(String.class).single()).isEqualTo("user:" + user.id());
    }

    @Test
    void lockLiftsByItselfWhenTheLockDurationHasPassed() {
        Account user = TestUsers.verified(registration, encoder, "timed");
        Browser browser = new Browser(port);
        for (int attempt = 1; attempt <= 5; attempt++) {
            logIn(browser, user.email(), "wrong password " + attempt);
        }
        assertThat(Browser.location(logIn(browser, user.email(), TestUsers.PASSWORD))).endsWith("/login?error=locked");

        clock.advance(Duration.ofMinutes(16));
        assertThat(Browser.location(logIn(browser, user.email(), TestUsers.PASSWORD))).endsWith("/login/account");
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        Account user = TestUsers.verified(registration, encoder, "window");
        Browser browser = new Browser(port);
        for (int attempt = 1; attempt <= 4; attempt++) {
            logIn(browser, user.email(), "wrong password " + attempt);
        }
        clock.advance(Duration.ofMinutes(16));
        assertThat(Browser.location(logIn(browser, user.email(), "wrong again"))).endsWith("/login?error=invalid");
    }

    @Test
    void passwordResetLinkWorksOnceAndReplacesThePassword() {
        Account user = TestUsers.verified(registration, encoder, "reset");
        Browser browser = new Browser(port);
        browser.get("/login/forgot-password");
        assertThat(browser.post("/login/forgot-password", Map.of("email", user.email())).body())
                .contains("If that address has an account");
        String token = OAuthClient.queryParameter(Outboxes.lastNotification(jdbc, user.email(), "password_reset")
                .path("params").path("resetUrl").asString(), "token");

        browser.get("/login/reset-password?token=" + token);
        String newPassword = "a brand new passphrase 2026";
        HttpResponse<String> reset = browser.post("/login/reset-password",
                Map.of("token", token, "password", newPassword, "confirmPassword", newPassword));
        assertThat(Browser.location(reset)).endsWith("/login?reset");

        assertThat(Browser.location(logIn(browser, user.email(), TestUsers.PASSWORD))).endsWith("/login?error=invalid");
        assertThat(Browser.location(logIn(browser, user.email(), newPassword))).endsWith("/login/account");
        browser.get("/login/reset-password?token=" + token);
        HttpResponse<String> again = browser.post("/login/reset-password",
                Map.of("token", token, "password", "another passphrase 2027", "confirmPassword", "another passphrase 2027"));
        assertThat(again.body()).contains("invalid, expired or already used");
    }

    @Test
    void resetRequestForAnUnknownAddressLooksTheSame() {
        Browser browser = new Browser(port);
        browser.get("/login/forgot-password");
        assertThat(browser.post("/login/forgot-password", Map.of("email", "nobody-here@example.com")).body())
                .contains("If that address has an account");
    }

    @Test
    void opsCanUnlockAnAccountAndOthersCannot() throws Exception {
        Account user = TestUsers.verified(registration, encoder, "opsunlock");
        Browser browser = new Browser(port);
        for (int attempt = 1; attempt <= 5; attempt++) {
            logIn(browser, user.email(), "wrong password " + attempt);
        }
        assertThat(post("/api/subscriptions/users/" + user.id() + "/unlock", TestJwts.subscriber("x", "pro"))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> unlocked = post("/api/subscriptions/users/" + user.id() + "/unlock", TestJwts.ops("ops-1"));
        assertThat(unlocked.statusCode()).isEqualTo(200);
        assertThat(unlocked.body()).contains("\"lockedUntil\":null").doesNotContain("password");
        assertThat(jdbc.sql("select actor from audit_log where action = 'account.unlocked' and target = ?")
                .param("user:" + user.id()).query(String.class).single()).isEqualTo("ops:ops-1");
        assertThat(post("/api/subscriptions/users/" + user.id() + "/unlock", TestJwts.ops("ops-1")).statusCode())
                .isEqualTo(409);
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpResponse<String> signUp(Browser browser, String email, String password) {
        return browser.post("/login/signup", Map.of("email", email, "password", password, "confirmPassword", password));
    }

    static HttpResponse<String> logIn(Browser browser, String email, String password) {
        browser.get("/login");
        return browser.post("/login", Map.of("username", email, "password", password));
    }
}
