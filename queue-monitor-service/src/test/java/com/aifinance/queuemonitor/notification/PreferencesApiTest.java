package com.aifinance.queuemonitor.notification;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.queuemonitor.support.Api;
import com.aifinance.queuemonitor.support.FakeVendors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PreferencesApiTest {

    private static final String PATH = "/api/queues/notifications/preferences";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewUserIsReachedByEmailAndSeesWhichChannelsTheirTierAllows() {
        Api.Response response = new Api(port).get(PATH, TestJwts.subscriber("u-" + UUID.randomUUID(), "basic"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("channels").toString()).isEqualTo("[\"email\"]");
        assertThat(response.json().path("allowedChannels").toString()).isEqualTo("[\"email\",\"sms\"]");
    }

    @Test
    void aUserSetsTheirOwnChannelOrderWithinTheirTier() {
        Api api = new Api(port);
        String basic = TestJwts.subscriber("u-" + UUID.randomUUID(), "basic");

        Api.Response premium = api.put(PATH, basic, "{\"channels\":[\"telegram\",\"email\"]}");
        assertThat(premium.status()).isEqualTo(403);
        assertThat(premium.body()).contains("problems/channel-not-in-tier");
        assertThat(api.put(PATH, basic, "{\"channels\":[\"email\",\"email\"]}").status()).isEqualTo(400);
        assertThat(api.put(PATH, basic, "{\"channels\":[\"fax\"]}").body()).contains("problems/validation");
        Api.Response saved = api.put(PATH, basic, "{\"channels\":[\"sms\",\"email\"]}");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("channels").toString()).isEqualTo("[\"sms\",\"email\"]");
        assertThat(api.get(PATH, null).status()).isEqualTo(401);
    }

    @Test
    void connectingATelegramChatSendsACodeThatVerifiesIt() {
        Api api = new Api(port);
        String user = "u-" + UUID.randomUUID();
        String token = TestJwts.subscriber(user, "pro");
        String chat = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 9_000_000_000L));

        Api.Response connected = api.put(PATH + "/addresses/telegram", token, "{\"address\":\"" + chat + "\"}");
        assertThat(connected.status()).isEqualTo(202);
        assertThat(connected.json().path("codeQueued").asBoolean()).isTrue();
        String text = await().atMost(Duration.ofSeconds(20)).until(() -> FakeVendors.get().callsTo(chat), calls -> !calls.isEmpty())
                .getFirst().json().path("text").asString();
        Matcher code = Pattern.compile("is (\\d{6})\\.").matcher(text);
        assertThat(code.find()).isTrue();

        assertThat(api.put(PATH + "/addresses/telegram", token, "{\"address\":\"" + chat + "\"}").status()).isEqualTo(429);
        String wrong = code.group(1).equals("000000") ? "111111" : "000000";
        Api.Response refused = api.post(PATH + "/addresses/telegram/verification", token, "{\"code\":\"" + wrong + "\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("problems/verification-failed");
        Api.Response verified = api.post(PATH + "/addresses/telegram/verification", token, "{\"code\":\"" + code.group(1) + "\"}");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("verified").asBoolean()).isTrue();
        assertThat(api.get(PATH, token).json().path("addresses").path(0).path("address").asString()).isEqualTo(chat);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql("""
                        select count(*) from notification_deliveries
                         where address = ? and template = 'address_verification' and status = 'delivered'
                           and params->>'code' is null""").param(chat).query(Long.class).single())
                .as("the code is erased once delivered").isEqualTo(1));
    }

    @Test
    void connectingAnSmsNumberWhileTwilioIsNotConfiguredParksTheCode() {
        Api api = new Api(port);
        String token = TestJwts.subscriber("u-" + UUID.randomUUID(), "basic");

        assertThat(api.put(PATH + "/addresses/sms", token, "{\"address\":\"0151-123\"}").status()).isEqualTo(400);
        Api.Response connected = api.put(PATH + "/addresses/sms", token, "{\"address\":\"+4915112345678\"}");

        assertThat(connected.status()).isEqualTo(202);
        assertThat(connected.json().path("codeQueued").asBoolean()).isFalse();
        assertThat(api.put(PATH + "/addresses/whatsapp", token, "{\"address\":\"+4915112345678\"}").status())
                .as("WhatsApp is a Pro feature").isEqualTo(403);
        assertThat(api.delete(PATH + "/addresses/sms", token).status()).isEqualTo(204);
        assertThat(api.delete(PATH + "/addresses/sms", token).status()).isEqualTo(404);
    }
}
