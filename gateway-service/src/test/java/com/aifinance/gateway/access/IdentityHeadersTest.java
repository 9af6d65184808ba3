package com.aifinance.gateway.access;

import java.util.UUID;

import com.aifinance.common.testsupport.TestJwts;
import mockwebserver3.RecordedRequest;
import com.aifinance.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** Identity headers reach a service only as the gateway set them from a verified token, on every kind of route. */
class IdentityHeadersTest extends GatewayTestSupport {

    private static void spoof(HttpHeaders headers) {
        headers.set("X-User-Id", "admin");
        headers.set("x-user-tier", "enterprise");
        headers.set("X-User-Org", "victim-org");
        headers.set("X-USER-ROLES", "ops");
        headers.set("X-User-Email", "ceo@aifinance.agency");
        headers.set("X-Auth-Subject", "admin");
        headers.set("X-Authenticated-User", "admin");
        headers.set("Remote-User", "admin");
    }

    @Test
    void clientSentIdentityHeadersAreReplacedByTheTokensOnAProtectedRoute() throws InterruptedException {
        String subject = UUID.randomUUID().toString();
        String token = TestJwts.subscriber(subject, "basic");

        gateway.get().uri("/api/enterprise/organisations").headers(headers -> {
            spoof(headers);
            headers.setBearerAuth(token);
        }).exchange().expectStatus().isOk();

        RecordedRequest received = upstreams.received("enterprise");
        assertThat(received.getHeaders().values("X-User-Id")).containsExactly(subject);
        assertThat(received.getHeaders().values("X-User-Tier")).containsExactly("basic");
        assertThat(received.getHeaders().values("X-User-Roles")).containsExactly("subscriber");
        assertNoSpoofedIdentity(received, false);
    }

    @Test
    void clientSentIdentityHeadersNeverReachAPublicRouteCalledWithoutAToken() throws InterruptedException {
        gateway.get().uri("/api/subscriptions/plans").headers(IdentityHeadersTest::spoof).exchange()
                .expectStatus().isOk();

        assertNoSpoofedIdentity(upstreams.received("subscription"), true);
    }

    @Test
    void clientSentIdentityHeadersNeverReachTheDashboardOrTheIdentityPages() throws InterruptedException {
        gateway.get().uri("/dashboard/signals").headers(IdentityHeadersTest::spoof).exchange().expectStatus().isOk();
        assertNoSpoofedIdentity(upstreams.received("dashboard-hub"), true);

        gateway.get().uri("/login").headers(IdentityHeadersTest::spoof).exchange().expectStatus().isOk();
        assertNoSpoofedIdentity(upstreams.received("subscription"), true);
    }

    @Test
    void servicesLearnTheClientAddressFromTheGatewayInOneForwardedForValue() throws InterruptedException {
        // the local peer is a trusted proxy in these tests: the right-most hop it forwards is the client
        gateway.get().uri("/api/subscriptions/plans").header("X-Forwarded-For", "203.0.113.9, 198.51.100.23")
                .exchange().expectStatus().isOk();

        assertThat(upstreams.received("subscription").getHeaders().values("X-Forwarded-For"))
                .containsExactly("198.51.100.23");
    }

    @Test
    void publicRoutesAnswerWithoutAToken() throws InterruptedException {
        gateway.get().uri("/api/billing/webhooks/stripe").exchange().expectStatus().isOk();
        assertThat(upstreams.received("billing").getTarget()).isEqualTo("/api/billing/webhooks/stripe");
    }

    @Test
    void theLoginPageGetsAnOrganisationsBrandingAndLogoWithoutATokenButNothingElseOfItsBranding()
            throws InterruptedException {
        gateway.get().uri("/api/enterprise/branding/domains/login.acme.example").exchange().expectStatus().isOk();
        assertThat(upstreams.received("enterprise").getTarget())
                .isEqualTo("/api/enterprise/branding/domains/login.acme.example");
        gateway.get().uri("/api/enterprise/branding/logos/" + UUID.randomUUID()).exchange().expectStatus().isOk();

        gateway.get().uri("/api/enterprise/branding").exchange().expectStatus().isUnauthorized();
        gateway.get().uri("/api/enterprise/organisations/" + UUID.randomUUID() + "/branding").exchange()
                .expectStatus().isUnauthorized();
        gateway.get().uri("/api/enterprise/Branding/logos/" + UUID.randomUUID()).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aTokenSentToAPublicRouteIsStillCheckedAndItsIdentityForwarded() throws InterruptedException {
        String subject = UUID.randomUUID().toString();

        gateway.get().uri("/api/subscriptions/plans")
                .headers(headers -> headers.setBearerAuth(TestJwts.subscriber(subject, "pro"))).exchange()
                .expectStatus().isOk();
        assertThat(upstreams.received("subscription").getHeaders().get("X-User-Id")).isEqualTo(subject);

        gateway.get().uri("/api/subscriptions/plans")
                .headers(headers -> headers.setBearerAuth(TestJwts.token().audience("elsewhere").sign())).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aPublicPathSpelledInAnotherCaseIsNotPublic() {
        gateway.get().uri("/api/subscriptions/PLANS").exchange()
                .expectStatus().isUnauthorized();
        gateway.get().uri("/API/BILLING/invoices").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aRoleRuleRefusesCallersWithoutTheRoleWithAForbiddenProblem() throws InterruptedException {
        gateway.get().uri("/api/queues/admin/replay")
                .headers(headers -> headers.setBearerAuth(TestJwts.subscriber(UUID.randomUUID().toString(), "pro")))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"insufficient_scope\"")
                .expectBody().jsonPath("$.type").isEqualTo("tag:aifinance.agency,2026:problems/forbidden");

        gateway.get().uri("/api/queues/admin/replay")
                .headers(headers -> headers.setBearerAuth(TestJwts.ops(UUID.randomUUID().toString())))
                .exchange()
                .expectStatus().isOk();
        assertThat(upstreams.received("queue-monitor").getHeaders().get("X-User-Roles")).isEqualTo("ops");
    }

    private static void assertNoSpoofedIdentity(RecordedRequest received, boolean anonymous) {
        assertThat(received).isNotNull();
        var headers = received.getHeaders();
        if (anonymous) {
            assertThat(headers.names()).noneMatch(name -> name.toLowerCase().startsWith("x-user-"));
        }
        assertThat(headers.get("X-User-Email")).isNull();
        assertThat(headers.get("X-User-Org")).isNull();
        assertThat(headers.get("X-Auth-Subject")).isNull();
        assertThat(headers.get("X-Authenticated-User")).isNull();
        assertThat(headers.get("Remote-User")).isNull();
        assertThat(headers.values("X-User-Id")).doesNotContain("admin");
        assertThat(headers.values("X-User-Roles")).doesNotContain("ops");
    }
}
