package com.aifinance.enterprise;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the enterprise API tests share: one Spring context against real PostgreSQL and Redis, called over real
 * HTTP with tokens signed like subscription-service signs them, and helpers to set up organisations through the API.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EnterpriseTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN_IN_URL = Pattern.compile("token=([A-Za-z0-9_-]+)");

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    protected final String ops = TestJwts.ops("ops-" + UUID.randomUUID());

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- HTTP

    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    protected Response call(String method, String path, String token, Object body) {
        return call(method, path, token, body, Map.of());
    }

    protected Response call(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json");
                String text = body instanceof String string ? string : JSON.writeValueAsString(body);
                request.method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    protected Response post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    protected Response put(String path, String token, Object body) {
        return call("PUT", path, token, body);
    }

    protected Response delete(String path, String token) {
        return call("DELETE", path, token, null);
    }

    // ---- tokens

    protected static String memberToken(String userId, UUID organisationId, String... roles) {
        return TestJwts.token().subject(userId).tier("enterprise").organisation(organisationId.toString())
                .roles(roles).sign();
    }

    protected static String userToken(String userId) {
        return TestJwts.token().subject(userId).tier("none").roles("subscriber").sign();
    }

    protected static String serviceToken(String service) {
        return TestJwts.token().subject(service).tier("none").roles("service").scope("internal").sign();
    }

    // ---- organisations set up through the API

    /** An organisation and its members: owner, admin, analyst, billing, each with their token. */
    public record Org(UUID id, String owner, String ownerToken, String admin, String adminToken, String analyst,
                      String analystToken, String billing, String billingToken) {
    }

    protected UUID createOrganisation(String tier, int seatLimit, String ownerEmail) {
        String slug = "org-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = post("/api/enterprise/organisations", ops, Map.of("name", "Acme " + slug, "slug", slug,
                "tier", tier, "seatLimit", seatLimit, "ownerEmail", ownerEmail));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    /** An enterprise organisation with one member of each role (four seats used). */
    protected Org organisationWithMembers(int seatLimit) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ownerEmail = "owner-" + suffix + "@acme.example";
        UUID id = createOrganisation("enterprise", seatLimit, ownerEmail);
        String owner = "user-owner-" + suffix;
        accept(ownerEmail, owner);
        String ownerToken = memberToken(owner, id, "org_owner");
        String admin = join(id, ownerToken, "admin", "admin-" + suffix + "@acme.example", "user-admin-" + suffix);
        String analyst = join(id, ownerToken, "analyst", "analyst-" + suffix + "@acme.example", "user-analyst-" + suffix);
        String billing = join(id, ownerToken, "billing", "billing-" + suffix + "@acme.example", "user-billing-" + suffix);
        return new Org(id, owner, ownerToken, admin, memberToken(admin, id, "org_admin"), analyst,
                memberToken(analyst, id, "org_analyst"), billing, memberToken(billing, id, "org_billing"));
    }

    /** Invites {@code email} with {@code role} and accepts as {@code userId}; returns the user id. */
    protected String join(UUID organisationId, String inviterToken, String role, String email, String userId) {
        Response invited = post("/api/enterprise/organisations/" + organisationId + "/invitations", inviterToken,
                Map.of("email", email, "role", role));
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        accept(email, userId);
        return userId;
    }

    protected Response accept(String email, String userId) {
        Response accepted = post("/api/enterprise/invitations/accept", userToken(userId),
                Map.of("token", invitationToken(email)));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        return accepted;
    }

    /** The token from the newest invitation e-mail requested for {@code email}, as queue-monitor would send it. */
    protected String invitationToken(String email) {
        String acceptUrl = jdbc.sql("""
                        select envelope -> 'data' -> 'params' ->> 'acceptUrl' from event_outbox
                        where type = 'notification.requested' and envelope -> 'data' ->> 'template' = 'invitation'
                          and envelope -> 'data' -> 'recipient' ->> 'email' = ?
                        order by id desc limit 1""")
                .param(email.toLowerCase()).query(String.class).single();
        Matcher matcher = TOKEN_IN_URL.matcher(acceptUrl);
        assertThat(matcher.find()).as(acceptUrl).isTrue();
        return matcher.group(1);
    }

    /** A one-year contract in force today with a monthly quota of {@code requestQuotaPerMonth}; returns its id. */
    protected UUID signContract(UUID organisationId, long requestQuotaPerMonth) {
        java.time.LocalDate start = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusMonths(1);
        Response signed = post("/api/enterprise/organisations/" + organisationId + "/contracts", ops, Map.of(
                "reference", "INST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                "startDate", start.toString(), "endDate", start.plusYears(1).minusDays(1).toString(),
                "annualValueMinor", 24_000_000L, "currency", "USD", "requestQuotaPerMonth", requestQuotaPerMonth,
                "invoiceSchedule", "annual", "billingEmail", "finance@acme.example"));
        assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        return UUID.fromString(signed.json().get("id").asString());
    }

    // ---- events and audit

    /** The data of events of {@code type} about {@code organisationId}'s subject, oldest first. */
    protected List<JsonNode> events(String type, UUID organisationId) {
        return jdbc.sql("""
                        select envelope -> 'data' from event_outbox where type = ? and envelope -> 'data' ->> 'organisationId' = ?
                        order by id""")
                .params(type, organisationId.toString()).query(String.class).list().stream()
                .map(JSON::readTree).toList();
    }

    protected List<JsonNode> notifications(String template, String email) {
        return jdbc.sql("""
                        select envelope -> 'data' from event_outbox where type = 'notification.requested'
                          and envelope -> 'data' ->> 'template' = ? and envelope -> 'data' -> 'recipient' ->> 'email' = ?
                        order by id""")
                .params(template, email).query(String.class).list().stream().map(JSON::readTree).toList();
    }

    /** Audit rows of {@code organisationId} with {@code action}, newest first, as maps. */
    protected List<Map<String, Object>> audit(UUID organisationId, String action) {
        return jdbc.sql("select * from audit_log where organisation_id = ? and action = ? order by id desc")
                .params(organisationId, action).query().listOfRows();
    }
}
