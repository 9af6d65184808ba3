package com.aifinance.dashboard.enterprise;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.aifinance.dashboard.support.Browser;
import com.aifinance.dashboard.support.FakePlatform;
import com.aifinance.dashboard.support.FakePlatform.Service;
import com.aifinance.dashboard.support.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HubTest
class EnterprisePagesTest {

    @LocalServerPort
    int port;

    private final FakePlatform fakes = FakePlatform.get();
    private final String org = UUID.randomUUID().toString();
    private Browser admin;

    @BeforeEach
    void signIn() {
        fakes.reset();
        admin = new Browser(port).login(Browser.User.orgAdmin(org));
    }

    @Test
    void membersAreListedWithTheirRolesAndANameWithMarkupIsInert() {
        fakes.json(Service.ENTERPRISE, "GET", "/api/enterprise/organisations/" + org + "/members", 200, """
                [{"organisationId":"%s","userId":"u-1","email":"<img src=x onerror=alert(1)>@acme.example","role":"owner",
                  "joinedAt":"2026-11-01T00:00:00Z"}]""".formatted(org));

        String panel = admin.panel("/enterprise/panels/members", "/enterprise").body();

        assertThat(panel).contains("owner").contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x");
    }

    @Test
    void anInvitationWithAnInvalidAddressIsRefusedNextToTheField() {
        fakes.json(Service.ENTERPRISE, "GET", "/api/enterprise/organisations/" + org + "/invitations", 200, "[]");

        String panel = admin.post("/enterprise/invitations", Map.of("email", "not-an-address", "role", "analyst")).body();

        assertThat(panel).contains("Enter a valid e-mail address").contains("id=\"invite-email-error\"");
        assertThat(fakes.requests(Service.ENTERPRISE, "POST", "/api/enterprise")).isEmpty();
    }

    @Test
    void anInvitationIsSentAndAFullOrganisationIsExplained() {
        fakes.json(Service.ENTERPRISE, "GET", "/api/enterprise/organisations/" + org + "/invitations", 200, """
                [{"id":"%s","email":"new@acme.example","role":"analyst","status":"open","invitedBy":"u-1",
                  "createdAt":"2026-11-26T00:00:00Z","expiresAt":"2026-12-03T00:00:00Z"}]""".formatted(UUID.randomUUID()));
        fakes.json(Service.ENTERPRISE, "POST", "/api/enterprise/organisations/" + org + "/invitations", 201,
                "{\"id\":\"%s\",\"email\":\"new@acme.example\",\"role\":\"analyst\",\"status\":\"open\"}"
                        .formatted(UUID.randomUUID()));

        String sent = admin.post("/enterprise/invitations", Map.of("email", "new@acme.example", "role", "analyst")).body();
        fakes.on(Service.ENTERPRISE, "POST", "/api/enterprise/organisations/" + org + "/invitations",
                request -> FakePlatform.problem(409, "seat-limit-reached", "All 5 seats are used."));
        String full = admin.post("/enterprise/invitations", Map.of("email", "more@acme.example", "role", "analyst")).body();

        assertThat(sent).contains("Invitation sent to new@acme.example").contains("new@acme.example");
        assertThat(FakePlatform.body(fakes.requests(Service.ENTERPRISE, "POST", "/api/enterprise").getFirst()))
                .contains("\"email\":\"new@acme.example\"").contains("\"role\":\"analyst\"");
        assertThat(full).contains("Every seat is taken");
    }

    @Test
    void savingTheAllowlistSendsTheEntriesAndShowsErrorsByLine() {
        String allowlist = "/api/enterprise/organisations/" + org + "/allowlist";
        fakes.json(Service.ENTERPRISE, "GET", allowlist, 200, """
                {"organisationId":"%s","entries":[],"version":0,"yourAddress":"203.0.113.9","yourAddressAllowed":true}"""
                .formatted(org));
        fakes.on(Service.ENTERPRISE, "PUT", allowlist, request -> FakePlatform.validation("entries[1].cidr",
                "10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?"));

        String panel = admin.post("/enterprise/allowlist",
                Map.of("entries", "203.0.113.0/24 London office\n10.0.0.1/8 VPN\n")).body();

        assertThat(panel).contains("Line 2 (10.0.0.1/8 VPN): 10.0.0.1/8 has host bits set");
        String sent = FakePlatform.body(fakes.requests(Service.ENTERPRISE, "PUT", allowlist).getFirst());
        assertThat(sent).contains("{\"cidr\":\"203.0.113.0/24\",\"label\":\"London office\"}")
                .contains("\"confirmLockout\":false");
    }

    @Test
    void anAllowlistThatWouldLockTheAdminOutAsksForConfirmation() {
        String allowlist = "/api/enterprise/organisations/" + org + "/allowlist";
        fakes.json(Service.ENTERPRISE, "GET", allowlist, 200, """
                {"organisationId":"%s","entries":[],"version":0,"yourAddress":"203.0.113.9","yourAddressAllowed":true}"""
                .formatted(org));
        fakes.on(Service.ENTERPRISE, "PUT", allowlist, request -> FakePlatform.body(request).contains("\"confirmLockout\":true")
                ? FakePlatform.json(200, """
                        {"organisationId":"%s","entries":[{"cidr":"198.51.100.0/24","label":null}],"version":1,
                         "yourAddress":"203.0.113.9","yourAddressAllowed":false}""".formatted(org))
                : FakePlatform.problem(409, "allowlist-lockout", "Your address 203.0.113.9 is not in the list."));

        String asked = admin.post("/enterprise/allowlist", Map.of("entries", "198.51.100.0/24")).body();
        String saved = admin.post("/enterprise/allowlist", Map.of("entries", "198.51.100.0/24", "confirmLockout", "true"))
                .body();

        assertThat(asked).contains("would lock you out").contains("confirm-lockout");
        assertThat(saved).contains("Saved. The gateway applies the new list within seconds.");
    }

    @Test
    void aNewApiClientsSecretIsShownOnceAndNotCached() {
        String clients = "/api/enterprise/organisations/" + org + "/api-clients";
        fakes.json(Service.ENTERPRISE, "GET", clients, 200, "[]");
        fakes.json(Service.ENTERPRISE, "POST", clients, 201, """
                {"client":{"clientId":"inst_ABC","name":"Risk","scopes":["signals:read"],"quotaPerHour":100,
                 "status":"active","requestsTotal":0},"clientSecret":"aifa_sk_secret","notice":"shown once"}""");

        HttpResponse<String> created = admin.postRaw("/enterprise/api-clients", "name=Risk&scope=signals%3Aread");

        assertThat(created.body()).contains("aifa_sk_secret").contains("shown only this once");
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(value ->
                assertThat(value).contains("no-store"));
    }

    @Test
    void brandingWithAnInvalidColourIsRefusedNextToTheFieldAndTheThemeStylesheetCarriesOnlyValidColours() {
        fakes.json(Service.ENTERPRISE, "GET", "/api/enterprise/branding", 200, """
                {"organisationId":"%s","displayName":"Acme <b>Signals</b>","primaryColour":"#112233",
                 "secondaryColour":"red;}body{display:none","accentColour":null}""".formatted(org));

        String panel = admin.post("/enterprise/branding", Map.of("displayName", "Acme", "primaryColour", "blue",
                "secondaryColour", "", "accentColour", "", "logoUrl", "", "customDomain", "")).body();
        String css = admin.get("/theme.css").body();
        String page = admin.get("/enterprise/contracts").body();

        assertThat(panel).contains("Enter a colour as #rgb or #rrggbb").contains("aria-invalid=\"true\"");
        assertThat(css).contains("--brand: #112233;").doesNotContain("display:none");
        assertThat(page).contains("Acme &lt;b&gt;Signals&lt;/b&gt;");
    }

    @Test
    void membersWhoAreNotAdminsCannotOpenAdminPages() {
        Browser analyst = new Browser(port).login(Browser.User.orgAnalyst(org));

        assertThat(analyst.get("/enterprise/security").statusCode()).isEqualTo(403);
        assertThat(analyst.get("/enterprise/security").body()).contains("owners and admins can do this");
    }

    @Test
    void subscribersWithoutAnOrganisationCannotOpenTheEnterpriseDashboard() {
        Browser subscriber = new Browser(port).login(Browser.User.subscriber("pro"));

        HttpResponse<String> page = subscriber.get("/enterprise");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Not allowed");
    }

    @Test
    void theAuditLogAndContractsPanelsShowTheirStates() {
        fakes.json(Service.ENTERPRISE, "GET", "/api/enterprise/organisations/" + org + "/audit?page=0&size=25", 200, """
                {"items":[{"id":1,"occurredAt":"2026-11-26T08:00:00Z","actorSubject":"u-1","actorRoles":"org_admin",
                  "actorAddress":"203.0.113.9","action":"allowlist.changed","target":"allowlist","outcome":"succeeded"}],
                 "page":0,"size":25,"total":1}""");
        fakes.down(Service.ENTERPRISE, "GET", "/api/enterprise/organisations/" + org + "/contracts");

        assertThat(admin.panel("/enterprise/panels/audit", "/enterprise/audit").body())
                .contains("allowlist.changed").contains("203.0.113.9");
        assertThat(admin.panel("/enterprise/panels/contracts", "/enterprise/contracts").body())
                .contains("The enterprise service is not answering");
    }

    @Test
    void aTicketWithScriptInItsSubjectIsOpenedAndShownAsText() {
        String tickets = "/api/enterprise/organisations/" + org + "/support/tickets";
        fakes.json(Service.ENTERPRISE, "POST", tickets, 201, """
                {"id":"%s","number":7,"subject":"<script>x</script>","description":"d","priority":"high","status":"open"}"""
                .formatted(UUID.randomUUID()));
        fakes.json(Service.ENTERPRISE, "GET", tickets, 200, """
                [{"id":"%s","number":7,"subject":"<script>x</script>","description":"d","priority":"high","status":"open",
                  "firstResponse":{"due":"2026-11-26T12:00:00Z","metAt":null,"breached":false},
                  "resolution":{"due":"2026-11-27T08:00:00Z","metAt":null,"breached":false}}]""".formatted(UUID.randomUUID()));

        String panel = admin.post("/enterprise/tickets", Map.of("subject", "<script>x</script>",
                "description", "Signals stopped", "priority", "high")).body();
        String empty = admin.post("/enterprise/tickets", Map.of("subject", "", "description", "", "priority", "high")).body();

        assertThat(panel).contains("Ticket #7 is open").contains("&lt;script&gt;x&lt;/script&gt;")
                .doesNotContain("<script>x</script>");
        assertThat(empty).contains("Enter a subject").contains("Describe the problem");
    }
}
