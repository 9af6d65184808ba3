package com.aifinance.subscription.authserver;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.security.PlatformSecurityProperties;
import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Accounts;
import com.aifinance.subscription.account.Mfa;
import com.aifinance.subscription.account.Registration;
import com.aifinance.subscription.lifecycle.Action;
import com.aifinance.subscription.lifecycle.Subscriptions;
import com.aifinance.subscription.testing.Authenticator;
import com.aifinance.subscription.testing.Browser;
import com.aifinance.subscription.testing.FakeEnterpriseService;
import com.aifinance.subscription.testing.FakeOidcProvider;
import com.aifinance.subscription.testing.MutableClock;
import com.aifinance.subscription.testing.OAuthClient;
import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.subscription.testing.Streams;
import com.aifinance.subscription.testing.TestUsers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Federated login through the login page and the real authorization code flow, against OIDC providers running
 * locally: Google and LinkedIn stand-ins, and an organisation's own provider announced by enterprise-service.
 */
@ServiceTest
class FederatedLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    FakeOidcProvider googleProvider;

    @Autowired
    FakeOidcProvider linkedinProvider;

    @Autowired
    FakeEnterpriseService fakeEnterpriseService;

    @Autowired
    ClientSecrets secrets;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    Accounts accounts;

    @Autowired
    Registration registration;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Mfa mfa;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    PlatformSecurityProperties security;

    @Test
    void newGoogleUserGetsAVerifiedAccountAndFederatedTokensThroughTheLoginPage() {
        String email = TestUsers.uniqueEmail("google");
        FakeOidcProvider.Person person = FakeOidcProvider.Person.verified(email);
        googleProvider.nextLogin(person);
        Login login = startAtDashboard();
        String page = login.browser.get("/login").body();
        assertThat(page).contains("Log in with Google").contains("Log in with LinkedIn")
                .contains("href=\"/login/federated/google\"");

        HttpResponse<String> back = viaProvider(login.browser, "/login/federated/google", googleProvider);
        Jwt access = login.finish(back);

        Account account = accounts.byEmail(email).orElseThrow();
        assertThat(account.emailVerified()).isTrue();
        assertThat(account.passwordHash()).isNull();
        assertThat(access.getSubject()).isEqualTo(account.id().toString());
        assertThat(access.getClaimAsStringList("amr")).containsExactly("federated");
        assertThat(access.getClaimAsString("tier")).isEqualTo("none");
        assertThat(audited("account.created", account)).isEqualTo(1);
        assertThat(audited("federated_identity.linked", account)).isEqualTo(1);
        assertThat(audited("login.federated", account)).isEqualTo(1);

        HttpUrl authorization = googleProvider.lastAuthorizationRequest();
        assertThat(authorization.queryParameter("redirect_uri"))
                .isEqualTo("http://localhost:8080/login/federated/callback/google");
        assertThat(authorization.queryParameter("nonce")).as("ID tokens are bound to the login").isNotBlank();
        assertThat(authorization.queryParameter("code_challenge_method")).isEqualTo("S256");
        FakeOidcProvider.TokenRequest token = googleProvider.lastTokenRequest();
        assertThat(token.authorization()).startsWith("Basic ");
        assertThat(token.form()).containsKey("code_verifier").doesNotContainKey("client_secret");

        // the provider's subject is what identifies the person from now on, even if their address changes there
        googleProvider.nextLogin(new FakeOidcProvider.Person(person.subject(), "renamed-" + email, true));
        Login again = startAtDashboard();
        Jwt second = again.finish(viaProvider(again.browser, "/login/federated/google", googleProvider));
        assertThat(second.getSubject()).isEqualTo(account.id().toString());
    }

    @Test
    void linkedInLoginAuthenticatesWithTheSecretInTheFormAndLinksAnExistingVerifiedAccount() {
        Account existing = TestUsers.verified(registration, encoder, "linked");
        linkedinProvider.nextLogin(FakeOidcProvider.Person.verified(existing.email()));
        Login login = startAtDashboard();
        Jwt access = login.finish(viaProvider(login.browser, "/login/federated/linkedin", linkedinProvider));

        assertThat(access.getSubject()).isEqualTo(existing.id().toString());
        assertThat(access.getClaimAsStringList("amr")).containsExactly("federated");
        assertThat(audited("federated_identity.linked", existing)).isEqualTo(1);
        FakeOidcProvider.TokenRequest token = linkedinProvider.lastTokenRequest();
        assertThat(token.authorization()).isNull();
        assertThat(token.form()).containsEntry("client_id", "linkedin-client-id")
                .containsEntry("client_secret", "linkedin-client-secret").doesNotContainKey("code_verifier");
        assertThat(linkedinProvider.lastAuthorizationRequest().queryParameter("code_challenge")).isNull();
    }

    @Test
    void addressTheProviderHasNotVerifiedIsRefusedAndNoAccountIsCreated() {
        String email = TestUsers.uniqueEmail("unverified-at-google");
        googleProvider.nextLogin(new FakeOidcProvider.Person(UUID.randomUUID().toString(), email, false));
        Login login = startAtDashboard();
        HttpResponse<String> back = viaProvider(login.browser, "/login/federated/google", googleProvider);

        assertThat(Browser.location(back)).endsWith("/login?error=federated&reason=email_unverified");
        assertThat(login.browser.get(Browser.location(back)).body()).contains("has not verified your e-mail address");
        assertThat(accounts.byEmail(email)).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'login.federated_refused'"
                        + " and after_state ->> 'email' = ? and after_state ->> 'reason' = 'email_unverified'")
                .param(email).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void accountWhoseOwnAddressIsUnverifiedIsNotLinked() {
        String email = TestUsers.uniqueEmail("squatted");
        assertThat(registration.signUp(email, TestUsers.PASSWORD)).isEmpty();   // never verified
        googleProvider.nextLogin(FakeOidcProvider.Person.verified(email));
        Login login = startAtDashboard();
        HttpResponse<String> back = viaProvider(login.browser, "/login/federated/google", googleProvider);

        assertThat(Browser.location(back)).endsWith("reason=account_unverified");
        Account account = accounts.byEmail(email).orElseThrow();
        assertThat(account.emailVerified()).isFalse();
        assertThat(jdbc.sql("select count(*) from federated_identities where user_id = ?").param(account.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void enterpriseUserLoggingInWithGoogleStillPassesMfaAndTheTokenSaysBoth() {
        Account user = TestUsers.verified(registration, encoder, "enterprise-google");
        String secret = mfa.enrollDirectly(user.id());
        var trial = subscriptions.start(user.id(), "enterprise-month-usd", "test");
        subscriptions.apply(trial.id(), Action.ACTIVATE, null, Instant.now(), "test", "paid");
        googleProvider.nextLogin(FakeOidcProvider.Person.verified(user.email()));
        Login login = startAtDashboard();
        HttpResponse<String> back = viaProvider(login.browser, "/login/federated/google", googleProvider);

        assertThat(Browser.location(back)).endsWith("/login/mfa");
        assertThat(Browser.location(login.browser.get(login.authorizePath)))
                .as("the provider alone is not a login for this tier").endsWith("/login");
        login.browser.get("/login/mfa");
        Jwt access = login.finish(login.browser.post("/login/mfa",
                Map.of("code", Authenticator.code(secret, Instant.now()))));
        assertThat(access.getClaimAsString("tier")).isEqualTo("enterprise");
        assertThat(access.getClaimAsStringList("amr")).containsExactly("federated", "otp");
    }

    @Test
    void usersOfADomainWithEnforcedSsoAreSentToTheirOrganisationsProviderAndLogInThere() {
        FakeOidcProvider acmeProvider = new FakeOidcProvider("acme-client", "acme-secret", false, true);
        try (acmeProvider) {
            String domain = "acme-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            String organisation = UUID.randomUUID().toString();
            fakeEnterpriseService.configureSso(organisation, domain, acmeProvider.issuer(), "acme-client",
                    "acme-secret", true);
            ssoConfigured(organisation, domain, acmeProvider.issuer(), true, true);
            String email = "alice@" + domain;

            // the password form is not the way in for this domain: the organisation's provider is
            Login login = startAtDashboard();
            login.browser.get("/login");
            HttpResponse<String> redirected = login.browser.post("/login",
                    Map.of("username", email, "password", "whatever she types"));
            assertThat(Browser.location(redirected))
                    .endsWith("/login/federated/org-" + organisation + "?login_hint=alice%40" + domain);

            acmeProvider.nextLogin(FakeOidcProvider.Person.verified(email));
            Jwt access = login.finish(viaProvider(login.browser, Browser.location(redirected), acmeProvider));
            assertThat(acmeProvider.lastAuthorizationRequest().queryParameter("login_hint")).isEqualTo(email);
            assertThat(access.getClaimAsStringList("amr")).containsExactly("federated");
            assertThat(access.getSubject()).isEqualTo(accounts.byEmail(email).orElseThrow().id().toString());

            // the secret came from enterprise-service's internal API, asked with this service's own service token
            Jwt serviceToken = decoder.decode(fakeEnterpriseService.authorizations().getLast().substring(7));
            assertThat(serviceToken.getSubject()).isEqualTo("subscription-service");
            assertThat(serviceToken.getClaimAsStringList("roles")).containsExactly("service");
            assertThat(serviceToken.getClaimAsString("scope")).isEqualTo("internal");
            assertThat(serviceToken.getAudience()).contains("aifa-api");
            assertThat(serviceToken.getIssuer().toString()).isEqualTo(security.issuer());

            // and Google cannot be used to get around the organisation's provider
            googleProvider.nextLogin(FakeOidcProvider.Person.verified("bob@" + domain));
            Login viaGoogle = startAtDashboard();
            HttpResponse<String> refused = viaProvider(viaGoogle.browser, "/login/federated/google", googleProvider);
            assertThat(Browser.location(refused)).contains("/login/federated/org-" + organisation + "?login_hint=bob");
        }
    }

    @Test
    void anOrganisationsProviderCannotLogInAddressesOfOtherDomains() {
        FakeOidcProvider rogueProvider = new FakeOidcProvider("rogue-client", "rogue-secret", false, true);
        try (rogueProvider) {
            String domain = "rogue-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            String organisation = UUID.randomUUID().toString();
            fakeEnterpriseService.configureSso(organisation, domain, rogueProvider.issuer(), "rogue-client",
                    "rogue-secret", false);
            ssoConfigured(organisation, domain, rogueProvider.issuer(), false, true);
            Account victim = TestUsers.verified(registration, encoder, "victim");

            Login login = startAtDashboard();
            login.browser.get("/login");
            HttpResponse<String> start = login.browser.post("/login/sso", Map.of("email", "mallory@" + domain));
            assertThat(Browser.location(start)).contains("/login/federated/org-" + organisation + "?login_hint=");
            rogueProvider.nextLogin(FakeOidcProvider.Person.verified(victim.email()));
            HttpResponse<String> back = viaProvider(login.browser, Browser.location(start), rogueProvider);

            assertThat(Browser.location(back)).endsWith("reason=domain_mismatch");
            assertThat(jdbc.sql("select count(*) from federated_identities where user_id = ?").param(victim.id())
                    .query(Long.class).single()).isZero();
        }
    }

    @Test
    void singleSignOnForADomainWithoutItSaysSoAndADisabledDomainStopsRouting() {
        Browser browser = new Browser(port);
        browser.get("/login");
        String page = browser.post("/login/sso", Map.of("email", TestUsers.uniqueEmail("nosso"))).body();
        assertThat(page).contains("Single sign-on is not set up for that address");

        String domain = "gone-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String organisation = UUID.randomUUID().toString();
        ssoConfigured(organisation, domain, "https://idp.gone.example", true, true);
        ssoConfigured(organisation, domain, "https://idp.gone.example", true, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from sso_domains where email_domain = ? and not enabled").param(domain)
                .query(Long.class).single() == 1);
        browser.get("/login");
        HttpResponse<String> password = browser.post("/login", Map.of("username", "carol@" + domain,
                "password", TestUsers.PASSWORD));
        assertThat(Browser.location(password)).as("an ordinary failed password login").endsWith("/login?error=invalid");
    }

    @Autowired
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void anAccountWithoutPasswordProvesItIsThemByARecentLoginAndACode() {
        String email = TestUsers.uniqueEmail("federated-mfa");
        googleProvider.nextLogin(FakeOidcProvider.Person.verified(email));
        Browser browser = new Browser(port);
        HttpResponse<String> back = viaProvider(browser, "/login/federated/google", googleProvider);
        assertThat(Browser.location(back)).endsWith("/login/account");
        Matcher secret = Pattern.compile("<code>([A-Z2-7]+)</code>").matcher(browser.get("/login/mfa/enroll").body());
        assertThat(secret.find()).isTrue();
        List<String> codes = recoveryCodes(browser.post("/login/mfa/enroll",
                Map.of("code", Authenticator.code(secret.group(1), Instant.now()))).body());
        assertThat(codes).hasSize(10);

        assertThat(browser.get("/login/account/recovery-codes").body()).doesNotContain("Your password");
        List<String> fresh = recoveryCodes(browser.post("/login/account/recovery-codes",
                Map.of("code", codes.getFirst())).body());
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(codes);

        clock.advance(Duration.ofMinutes(11));
        assertThat(browser.post("/login/account/recovery-codes", Map.of("code", fresh.getFirst())).body())
                .contains("log out and log in again");
        assertThat(mfa.remainingRecoveryCodes(accounts.byEmail(email).orElseThrow().id())).isEqualTo(10);
    }

    private static List<String> recoveryCodes(String page) {
        Matcher codes = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>").matcher(page);
        List<String> found = new ArrayList<>();
        while (codes.find()) {
            found.add(codes.group(1));
        }
        return found;
    }

    /** enterprise-service announces a verified (or withdrawn) SSO domain; waits until it is applied. */
    private void ssoConfigured(String organisation, String domain, String issuer, boolean enforced, boolean enabled) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organisationId", organisation);
        data.put("emailDomain", domain);
        data.put("issuer", issuer);
        data.put("clientId", "client-of-" + domain);
        data.put("enforced", enforced);
        data.put("enabled", enabled);
        Streams.publish(redis, EventStreams.ENTERPRISE, Streams.newId(), "/enterprise-service", "sso.configured",
                "organisation-" + organisation, Instant.now(), data);
        if (enabled) {
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from sso_domains where email_domain = ? and enabled").param(domain)
                    .query(Long.class).single() == 1);
        }
    }

    /**
     * From the login's start through the provider and back: the browser follows the redirect to the provider, the
     * provider authenticates and redirects to the platform's public callback, which the gateway would route here.
     */
    private HttpResponse<String> viaProvider(Browser browser, String startPath, FakeOidcProvider provider) {
        HttpResponse<String> toProvider = browser.get(startPath);
        String authorize = Browser.location(toProvider);
        assertThat(authorize).as(toProvider.body()).startsWith(provider.issuer() + "/authorize?");
        HttpResponse<String> back = browser.get(authorize);
        String callback = Browser.location(back);
        assertThat(callback).startsWith(security.issuer() + "/login/federated/callback/");
        return browser.get(callback.replace(security.issuer(), browser.base()));
    }

    private long audited(String action, Account account) {
        return jdbc.sql("select count(*) from audit_log where action = ? and target = ?")
                .params(action, "user:" + account.id()).query(Long.class).single();
    }

    /** A dashboard sending a browser to log in: the authorization request is saved while the user logs in. */
    private Login startAtDashboard() {
        OAuthClient dashboard = new OAuthClient(port, "dashboard-hub", secrets.secretFor("dashboard-hub"));
        OAuthClient.Pkce pkce = OAuthClient.pkce();
        Browser browser = new Browser(port);
        String authorizePath = dashboard.authorizePath("openid", "federated-state", pkce);
        assertThat(Browser.location(browser.get(authorizePath))).endsWith("/login");
        return new Login(browser, dashboard, pkce, authorizePath);
    }

    private final class Login {

        final Browser browser;
        final OAuthClient dashboard;
        final OAuthClient.Pkce pkce;
        final String authorizePath;

        Login(Browser browser, OAuthClient dashboard, OAuthClient.Pkce pkce, String authorizePath) {
            this.browser = browser;
            this.dashboard = dashboard;
            this.pkce = pkce;
            this.authorizePath = authorizePath;
        }

        /** Follows the login back to the dashboard's callback and exchanges the code for tokens. */
        Jwt finish(HttpResponse<String> response) {
            String callback = Browser.location(browser.follow(response));
            assertThat(callback).as(response.body()).startsWith(OAuthClient.REDIRECT_URI);
            assertThat(OAuthClient.queryParameter(callback, "state")).isEqualTo("federated-state");
            return decoder.decode(dashboard.exchange(OAuthClient.queryParameter(callback, "code"), pkce)
                    .path("access_token").asString());
        }
    }
}
