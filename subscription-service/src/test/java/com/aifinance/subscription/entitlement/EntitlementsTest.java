package com.aifinance.subscription.entitlement;

import java.time.Instant;

import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Registration;
import com.aifinance.subscription.lifecycle.Action;
import com.aifinance.subscription.lifecycle.Subscription;
import com.aifinance.subscription.lifecycle.Subscriptions;
import com.aifinance.subscription.testing.Api;
import com.aifinance.subscription.testing.Outboxes;
import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.subscription.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class EntitlementsTest {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    FeatureFlags flags;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @AfterEach
    void defaultFlags() {
        jdbc.sql("delete from feature_flags").update();
        redis.opsForValue().increment(Entitlements.PREFIX + "generation");
    }

    @Test
    void tiersGetTheContractsEntitlements() {
        JsonNode basic = entitlement(subscriber("basic-month-usd"));
        assertThat(basic.path("tier").asString()).isEqualTo("basic");
        assertThat(basic.path("signalAssetClasses")).extracting(JsonNode::asString).containsExactly("stocks");
        assertThat(basic.path("signalDelay").asString()).isEqualTo("PT15M");
        assertThat(basic.path("apiRequestsPerHour").asLong()).isEqualTo(100);
        assertThat(basic.path("features").path("real_time_notifications").asBoolean()).isFalse();

        JsonNode pro = entitlement(subscriber("pro-month-usd"));
        assertThat(pro.path("signalAssetClasses")).extracting(JsonNode::asString)
                .containsExactly("stocks", "crypto", "forex");
        assertThat(pro.path("signalDelay").asString()).isEqualTo("PT0S");
        assertThat(pro.path("apiRequestsPerHour").asLong()).isEqualTo(1000);
        assertThat(pro.path("features").path("advanced_analytics").asBoolean()).isTrue();
        assertThat(pro.path("features").path("enterprise_dashboard").asBoolean()).isFalse();

        JsonNode enterprise = entitlement(subscriber("enterprise-year-usd"));
        assertThat(enterprise.path("features").path("white_label").asBoolean()).isTrue();
        assertThat(enterprise.path("apiRequestsPerHour").asLong()).isEqualTo(10000);
        assertThat(enterprise.path("mfa").asString()).isEqualTo("mandatory");

        Account nobody = TestUsers.verified(registration, encoder, "none");
        JsonNode none = entitlement(nobody);
        assertThat(none.path("tier").asString()).isEqualTo("none");
        assertThat(none.path("apiRequestsPerHour").asLong()).isEqualTo(20);
        assertThat(none.path("signalAssetClasses")).isEmpty();
    }

    @Test
    void onlyTheSubjectServicesAndOpsMayAsk() {
        Account user = subscriber("pro-month-usd");
        String path = "/api/subscriptions/entitlements/" + user.id();
        Api api = new Api(port);
        assertThat(api.get(path, TestJwts.subscriber("someone-else", "pro")).statusCode()).isEqualTo(403);
        assertThat(api.get(path, TestJwts.token().subject("analytics-service").roles("service").sign()).statusCode())
                .isEqualTo(200);
        assertThat(api.get(path, TestJwts.ops("ops-1")).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/subscriptions/entitlements/no-such-client", TestJwts.ops("ops-1")).statusCode())
                .isEqualTo(404);

        JsonNode check = Api.json(api.get(path + "/features/crypto_signals", TestJwts.ops("ops-1")));
        assertThat(check.path("allowed").asBoolean()).isTrue();
        assertThat(check.path("reason").asString()).isEqualTo("included in tier pro");
        assertThat(api.get(path + "/features/teleportation", TestJwts.ops("ops-1")).statusCode()).isEqualTo(404);
    }

    @Test
    void flagsChangeCachedAnswersAtOnceAndAreAuditedAndPublished() {
        Account pro = subscriber("pro-month-usd");
        Account enterprise = subscriber("enterprise-month-usd");
        assertThat(entitlement(pro).path("features").path("crypto_signals").asBoolean()).isTrue();
        assertThat(redis.keys(Entitlements.PREFIX + "*:" + pro.id())).as("cached").hasSize(1);

        Api api = new Api(port);
        assertThat(api.put("/api/subscriptions/flags/crypto_signals", TestJwts.subscriber("x", "pro"),
                "{\"enabled\":false,\"tier\":\"pro\"}").statusCode()).isEqualTo(403);
        assertThat(api.put("/api/subscriptions/flags/crypto_signals", TestJwts.ops("ops-2"),
                "{\"enabled\":false,\"tier\":\"pro\"}").statusCode()).isEqualTo(200);
        JsonNode afterTierFlag = entitlement(pro);
        assertThat(afterTierFlag.path("features").path("crypto_signals").asBoolean()).isFalse();
        assertThat(afterTierFlag.path("signalAssetClasses")).extracting(JsonNode::asString)
                .containsExactly("stocks", "forex");
        assertThat(entitlement(enterprise).path("features").path("crypto_signals").asBoolean()).isTrue();

        api.put("/api/subscriptions/flags/advanced_analytics", TestJwts.ops("ops-2"), "{\"enabled\":false}");
        assertThat(entitlement(enterprise).path("features").path("advanced_analytics").asBoolean()).isFalse();
        JsonNode check = Api.json(api.get("/api/subscriptions/entitlements/" + enterprise.id()
                + "/features/advanced_analytics", TestJwts.ops("ops-2")));
        assertThat(check.path("reason").asString()).isEqualTo("disabled globally by flag");

        assertThat(api.put("/api/subscriptions/flags/white_label", TestJwts.ops("ops-2"),
                "{\"enabled\":true,\"tier\":\"pro\"}").statusCode()).isEqualTo(200);
        assertThat(entitlement(pro).path("features").path("white_label").asBoolean()).as("granted by flag").isTrue();

        JsonNode event = Outboxes.events(jdbc, "feature_flag.changed", "crypto_signals").getLast();
        assertThat(event.path("tier").asString()).isEqualTo("pro");
        assertThat(event.path("enabled").asBoolean()).isFalse();
        assertThat(event.path("changedBy").asString()).isEqualTo("ops:ops-2");
        assertThat(Outboxes.events(jdbc, "feature_flag.changed", "advanced_analytics").getLast().path("tier").isNull())
                .isTrue();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'feature_flag.changed' and actor = 'ops:ops-2'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(3);

        assertThat(api.put("/api/subscriptions/flags/no_such_flag", TestJwts.ops("ops-2"), "{\"enabled\":true}")
                .statusCode()).isEqualTo(404);
        assertThat(api.put("/api/subscriptions/flags/white_label", TestJwts.ops("ops-2"),
                "{\"enabled\":true,\"tier\":\"gold\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void aPlanChangeIsVisibleInTheNextAnswer() {
        Account user = subscriber("basic-month-usd");
        assertThat(entitlement(user).path("tier").asString()).isEqualTo("basic");
        Subscription current = subscriptions.currentOf(user.id()).orElseThrow();
        subscriptions.apply(current.id(), Action.UPGRADE, "pro-month-usd", Instant.now(), "test", null);
        assertThat(entitlement(user).path("tier").asString()).isEqualTo("pro");
    }

    private JsonNode entitlement(Account user) {
        var response = new Api(port).get("/api/subscriptions/entitlements/" + user.id(),
                TestJwts.subscriber(user.id().toString(), "none"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.json(response);
    }

    private Account subscriber(String plan) {
        Account user = TestUsers.verified(registration, encoder, "ent");
        Subscription trial = subscriptions.start(user.id(), plan, "test");
        subscriptions.apply(trial.id(), Action.ACTIVATE, null, Instant.now(), "test", "paid");
        return user;
    }

}
