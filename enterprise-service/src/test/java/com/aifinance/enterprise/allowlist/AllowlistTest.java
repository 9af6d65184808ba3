package com.aifinance.enterprise.allowlist;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.aifinance.enterprise.EnterpriseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AllowlistTest extends EnterpriseTest {

    private static final Map<String, String> FROM_OFFICE = Map.of("X-Forwarded-For", "203.0.113.40");

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aSavedListIsNormalisedPublishedForTheGatewayAndAudited() {
        Org org = organisationWithMembers(10);

        Response saved = call("PUT", path(org), org.adminToken(), Map.of("entries", List.of(
                Map.of("cidr", "203.0.113.0/24", "label", "London office"),
                Map.of("cidr", "2001:DB8:0:0::/32"),
                Map.of("cidr", "198.51.100.9"))), FROM_OFFICE);

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("entries").valueStream().map(entry -> entry.get("cidr").asString()))
                .containsExactly("203.0.113.0/24", "2001:db8::/32", "198.51.100.9/32");
        assertThat(saved.json().get("yourAddress").asString()).isEqualTo("203.0.113.40");
        assertThat(saved.json().get("yourAddressAllowed").asBoolean()).isTrue();
        JsonNode event = events("allowlist.changed", org.id()).getLast();
        assertThat(event.get("cidrs").valueStream().map(JsonNode::asString))
                .containsExactly("203.0.113.0/24", "2001:db8::/32", "198.51.100.9/32");
        assertThat(event.get("changedBy").asString()).isEqualTo(org.admin());
        assertThat(audit(org.id(), "allowlist.changed")).singleElement()
                .satisfies(row -> assertThat(row.get("actor_address")).isEqualTo("203.0.113.40"));
    }

    @Test
    void theChangeReachesTheEnterpriseStreamWithinSeconds() {
        Org org = organisationWithMembers(10);

        call("PUT", path(org), org.ownerToken(), Map.of("entries", List.of(Map.of("cidr", "203.0.113.0/24"))),
                FROM_OFFICE);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<MapRecord<String, Object, Object>> entries = redis.opsForStream()
                    .read(StreamOffset.fromStart("aifa.enterprise"));
            assertThat(entries).anySatisfy(entry -> assertThat(String.valueOf(entry.getValue().get("event")))
                    .contains("allowlist.changed").contains(org.id().toString()));
        });
    }

    @Test
    void malformedRangesAreRefusedEntryByEntry() {
        Org org = organisationWithMembers(10);

        Response response = call("PUT", path(org), org.adminToken(), Map.of("entries", List.of(
                Map.of("cidr", "203.0.113.0/24"),
                Map.of("cidr", "10.0.0.0/33"),
                Map.of("cidr", "300.1.1.1/8"),
                Map.of("cidr", "192.168.1.77/24"),
                Map.of("cidr", "intranet.acme.example"))), FROM_OFFICE);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("problems/validation").contains("entries[1].cidr")
                .contains("entries[2].cidr").contains("did you mean 192.168.1.0/24?").contains("entries[4].cidr")
                .doesNotContain("entries[0]");
        assertThat(events("allowlist.changed", org.id())).isEmpty();
    }

    @Test
    void overlappingAndDuplicateRangesAreRefused() {
        Org org = organisationWithMembers(10);

        Response response = call("PUT", path(org), org.adminToken(), Map.of("entries", List.of(
                Map.of("cidr", "203.0.113.0/24"),
                Map.of("cidr", "203.0.113.128/25"),
                Map.of("cidr", "2001:db8::/32"),
                Map.of("cidr", "2001:0DB8::/32"))), FROM_OFFICE);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("entries[1].cidr").contains("overlaps entries[0]")
                .contains("entries[3].cidr").contains("duplicates entries[2]");
    }

    @Test
    void aListThatLocksOutTheAdminNeedsAnExplicitConfirmation() {
        Org org = organisationWithMembers(10);
        Map<String, Object> elsewhere = Map.of("entries", List.of(Map.of("cidr", "198.51.100.0/24")));

        Response refused = call("PUT", path(org), org.adminToken(), elsewhere, FROM_OFFICE);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("problems/allowlist-lockout").contains("203.0.113.40");
        assertThat(events("allowlist.changed", org.id())).isEmpty();

        Response confirmed = call("PUT", path(org), org.adminToken(),
                Map.of("entries", elsewhere.get("entries"), "confirmLockout", true), FROM_OFFICE);

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().get("yourAddressAllowed").asBoolean()).isFalse();
        assertThat(String.valueOf(audit(org.id(), "allowlist.changed").getFirst().get("after")))
                .contains("\"lockoutConfirmed\": true");
    }

    @Test
    void theAddressComesFromForwardedForOnlyThroughATrustedProxy() {
        Org org = organisationWithMembers(10);
        // tests connect from 127.0.0.1, a trusted proxy by default: the right-most untrusted hop is the client
        Response response = call("GET", path(org), org.adminToken(), null,
                Map.of("X-Forwarded-For", "203.0.113.40, 198.51.100.77"));

        assertThat(response.json().get("yourAddress").asString()).isEqualTo("198.51.100.77");
    }

    @Test
    void platformStaffRestoreALockedOutOrganisationWithoutTheLockoutCheck() {
        Org org = organisationWithMembers(10);
        call("PUT", path(org), org.adminToken(), Map.of("entries", List.of(Map.of("cidr", "198.51.100.0/24")),
                "confirmLockout", true), FROM_OFFICE);

        Response restored = call("PUT", path(org), ops, Map.of("entries", List.of(
                Map.of("cidr", "198.51.100.0/24"), Map.of("cidr", "203.0.113.40", "label", "admin home"))), Map.of());

        assertThat(restored.status()).isEqualTo(200);
        assertThat(events("allowlist.changed", org.id())).hasSize(2).last()
                .satisfies(event -> assertThat(event.get("version").asLong()).isEqualTo(2));
    }

    @Test
    void analystsAndOtherOrganisationsCannotChangeTheList() {
        Org org = organisationWithMembers(10);
        Org other = organisationWithMembers(10);
        Map<String, Object> list = Map.of("entries", List.of(Map.of("cidr", "0.0.0.0/0")));

        assertThat(call("PUT", path(org), org.analystToken(), list, FROM_OFFICE).status()).isEqualTo(403);
        assertThat(call("PUT", path(org), other.adminToken(), list, FROM_OFFICE).status()).isEqualTo(403);
        assertThat(get(path(org), other.adminToken()).status()).isEqualTo(403);
        assertThat(events("allowlist.changed", org.id())).isEmpty();
        assertThat(audit(org.id(), "access.refused")).hasSize(3);
    }

    @Test
    void theGatewayLoadsEveryCurrentListAtStartUp() {
        Org org = organisationWithMembers(10);
        call("PUT", path(org), org.adminToken(), Map.of("entries", List.of(Map.of("cidr", "203.0.113.0/24"))),
                FROM_OFFICE);

        Response lists = get("/api/enterprise/allowlists", serviceToken("gateway-service"));
        Response asMember = get("/api/enterprise/allowlists", org.adminToken());

        assertThat(lists.status()).isEqualTo(200);
        assertThat(lists.json().valueStream().filter(list -> list.get("organisationId").asString()
                .equals(org.id().toString()))).singleElement().satisfies(list ->
                assertThat(list.get("cidrs").get(0).asString()).isEqualTo("203.0.113.0/24"));
        assertThat(asMember.status()).isEqualTo(403);
    }

    private static String path(Org org) {
        return "/api/enterprise/organisations/" + org.id() + "/allowlist";
    }
}
