package com.aifinance.enterprise.sso;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.aifinance.enterprise.EnterpriseTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SsoTest extends EnterpriseTest {

    private static final String SECRET = "oidc-Cl13nt-s3cret-value";

    private final String subscriptionService = serviceToken("subscription-service");

    @Test
    void ssoTakesEffectOnlyOnceTheDomainIsVerifiedThroughDns() {
        Org org = organisationWithMembers(10);
        String domain = uniqueDomain();

        Response configured = put(path(org), org.adminToken(), configuration(domain, SECRET));

        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        JsonNode verification = configured.json().get("domainVerification");
        assertThat(verification.get("status").asString()).isEqualTo("pending");
        assertThat(events("sso.configured", org.id())).isEmpty();
        assertThat(get("/api/enterprise/internal/sso?emailDomain=" + domain, subscriptionService).status())
                .isEqualTo(404);

        Response notYet = post(path(org) + "/domain-verification", org.adminToken(), null);
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.body()).contains("problems/domain-not-verified");

        FakeDns.get().publishTxt(verification.get("txtRecordName").asString(),
                "v=spf1 -all", verification.get("txtRecordValue").asString());
        Response verified = post(path(org) + "/domain-verification", org.adminToken(), null);

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("domainVerification").get("status").asString()).isEqualTo("verified");
        JsonNode event = events("sso.configured", org.id()).getFirst();
        assertThat(event.get("emailDomain").asString()).isEqualTo(domain);
        assertThat(event.get("issuer").asString()).isEqualTo("https://login." + domain + "/oidc");
        assertThat(event.get("clientId").asString()).isEqualTo("aifa-platform");
        assertThat(event.get("enabled").asBoolean()).isTrue();
        Response login = get("/api/enterprise/internal/sso?emailDomain=" + domain.toUpperCase(), subscriptionService);
        assertThat(login.json().get("clientSecret").asString()).isEqualTo(SECRET);
        assertThat(login.json().get("organisationId").asString()).isEqualTo(org.id().toString());
        assertThat(login.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(login.header("Cache-Control")).contains("no-store");
    }

    @Test
    void theClientSecretIsStoredEncryptedAndNeverReturnedPublishedOrAudited() {
        Org org = organisationWithMembers(10);
        String domain = uniqueDomain();

        Response configured = put(path(org), org.adminToken(), configuration(domain, SECRET));
        post(path(org) + "/domain-verification", ops, Map.of("manual", true));

        String stored = jdbc.sql("select client_secret_ciphertext from sso_configurations where organisation_id = ?")
                .param(org.id()).query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain(SECRET);
        assertThat(configured.body()).doesNotContain(SECRET).contains("\"clientSecretSet\":true");
        assertThat(get(path(org), org.ownerToken()).body()).doesNotContain(SECRET).doesNotContain(stored);
        assertThat(jdbc.sql("select count(*) from event_outbox where envelope::text like ?").param("%" + SECRET + "%")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where after::text like ? or before::text like ?")
                .params("%" + SECRET + "%", "%" + SECRET + "%").query(Long.class).single()).isZero();
        assertThat(audit(org.id(), "sso.domain_verified").getFirst().get("after").toString()).contains("manual");
    }

    @Test
    void keepingTheStoredSecretAndChangingTheDomainNeedsANewVerification() {
        Org org = organisationWithMembers(10);
        String domain = uniqueDomain();
        put(path(org), org.adminToken(), configuration(domain, SECRET));
        post(path(org) + "/domain-verification", ops, Map.of("manual", true));
        Map<String, Object> moved = configuration(uniqueDomain(), null);

        Response response = put(path(org), org.adminToken(), moved);

        assertThat(response.json().get("domainVerification").get("status").asString()).isEqualTo("pending");
        assertThat(events("sso.configured", org.id())).hasSize(2).last()
                .satisfies(event -> {
                    assertThat(event.get("emailDomain").asString()).isEqualTo(domain);
                    assertThat(event.get("enabled").asBoolean()).isFalse();
                });
        assertThat(get("/api/enterprise/internal/sso?emailDomain=" + domain, subscriptionService).status())
                .isEqualTo(404);
    }

    @Test
    void aDomainIsValidatedUniqueAndNeverAPublicMailProvider() {
        Org org = organisationWithMembers(10);
        Org other = organisationWithMembers(10);
        String domain = uniqueDomain();
        put(path(org), org.adminToken(), configuration(domain, SECRET));

        Response claimed = put(path(other), other.adminToken(), configuration(domain.toUpperCase(), SECRET));
        Response gmail = put(path(other), other.adminToken(), configuration("gmail.com", SECRET));
        Response malformed = put(path(other), other.adminToken(), configuration("acme..example", SECRET));
        Map<String, Object> insecure = configuration(uniqueDomain(), SECRET);
        insecure.put("issuer", "http://login.acme.example/oidc");
        Map<String, Object> firstWithoutSecret = configuration(uniqueDomain(), null);

        assertThat(claimed.status()).isEqualTo(409);
        assertThat(claimed.body()).contains("problems/domain-claimed");
        assertThat(gmail.status()).isEqualTo(400);
        assertThat(gmail.body()).contains("public e-mail provider");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(put(path(other), other.adminToken(), insecure).body()).contains("https");
        assertThat(put(path(other), other.adminToken(), firstWithoutSecret).body()).contains("clientSecret is required");
    }

    @Test
    void onlyPlatformStaffConfirmOwnershipWithoutDnsAndAnalystsCannotConfigure() {
        Org org = organisationWithMembers(10);
        put(path(org), org.adminToken(), configuration(uniqueDomain(), SECRET));

        assertThat(post(path(org) + "/domain-verification", org.ownerToken(), Map.of("manual", true)).status())
                .isEqualTo(403);
        assertThat(put(path(org), org.analystToken(), configuration(uniqueDomain(), SECRET)).status()).isEqualTo(403);
        assertThat(get(path(org), org.billingToken()).status()).isEqualTo(403);
        assertThat(get("/api/enterprise/internal/sso?emailDomain=x.example", org.ownerToken()).status()).isEqualTo(403);
    }

    @Test
    void mfaIsMandatoryForEnterpriseAndAChoiceForInstitutionalOrganisations() {
        Org enterprise = organisationWithMembers(10);
        UUID institutional = createOrganisation("institutional", 5, "quant-" + UUID.randomUUID() + "@fund.example");

        Response disable = put("/api/enterprise/organisations/" + enterprise.id() + "/mfa-policy",
                enterprise.ownerToken(), Map.of("mfaRequired", false));
        Response institutionalOff = put("/api/enterprise/organisations/" + institutional + "/mfa-policy", ops,
                Map.of("mfaRequired", false));

        assertThat(disable.status()).isEqualTo(409);
        assertThat(disable.body()).contains("problems/mfa-mandatory");
        assertThat(get("/api/enterprise/organisations/" + enterprise.id() + "/mfa-policy", enterprise.analystToken())
                .json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(institutionalOff.json().get("mfaRequired").asBoolean()).isFalse();
        assertThat(events("mfa_policy.changed", institutional)).singleElement()
                .satisfies(event -> assertThat(event.get("mfaRequired").asBoolean()).isFalse());
        assertThat(get("/api/enterprise/internal/organisations/" + institutional + "/security-policy",
                subscriptionService).json().get("mfaRequired").asBoolean()).isFalse();
    }

    private static Map<String, Object> configuration(String domain, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("issuer", "https://login." + domain.toLowerCase() + "/oidc");
        body.put("clientId", "aifa-platform");
        if (secret != null) {
            body.put("clientSecret", secret);
        }
        body.put("emailDomain", domain);
        body.put("enforced", true);
        return body;
    }

    private static String uniqueDomain() {
        return "acme-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    private static String path(Org org) {
        return "/api/enterprise/organisations/" + org.id() + "/sso";
    }
}
