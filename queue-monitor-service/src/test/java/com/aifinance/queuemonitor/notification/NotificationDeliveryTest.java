package com.aifinance.queuemonitor.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestJwts;
import com.aifinance.queuemonitor.notification.provider.Channel;
import com.aifinance.queuemonitor.support.Api;
import com.aifinance.queuemonitor.support.FakeVendors;
import com.aifinance.queuemonitor.support.FakeVendors.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline against real PostgreSQL, Redis and the fake vendors: a producer's outbox → aifa.notify → the
 * consumer → the delivery queue → a provider.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PreferenceStore preferences;
    @Autowired
    Clock clock;
    @LocalServerPort
    int port;

    final FakeVendors vendors = FakeVendors.get();

    record Row(String channel, String status, int attempts, String lastError, String providerMessageId, String address) {
    }

    @Test
    void passwordResetIsEmailedThroughSendGridInItsRealFormat() {
        String email = "reset-" + UUID.randomUUID() + "@example.com";
        String id = publish(request("password_reset", recipient(null, email), null, "basic",
                Map.of("resetUrl", "https://app.aifinance.test/reset?token=abc", "expiresInMinutes", 30)));

        Row row = awaitStatus(id, Channel.EMAIL, "delivered");
        assertThat(row.providerMessageId()).startsWith("sg-");
        FakeVendors.Call call = vendors.callsTo(email).getFirst();
        assertThat(call.headers().get("authorization")).isEqualTo("Bearer " + FakeVendors.SENDGRID_KEY);
        JsonNode mail = call.json();
        assertThat(mail.path("from").path("email").asString()).isEqualTo("alerts@aifinance.test");
        assertThat(mail.path("subject").asString()).isEqualTo("Reset your password");
        assertThat(mail.path("content").path(0).path("type").asString()).isEqualTo("text/plain");
        assertThat(mail.path("content").path(0).path("value").asString()).contains("https://app.aifinance.test/reset?token=abc");
        assertThat(mail.path("content").path(1).path("value").asString())
                .contains("<a href=\"https://app.aifinance.test/reset?token=abc\">");
        assertThat(mail.path("custom_args").path("notification_id").asString()).isEqualTo(id);
    }

    @Test
    void anIssuedInvoiceIsEmailedToTheBillingAddressThroughSendGrid() {
        String email = "accounts-" + UUID.randomUUID() + "@acme.example";
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("invoiceNumber", "INV-USD-2026-000042");
        params.put("amountMinor", 2_400_000);
        params.put("currency", "USD");
        params.put("issuedOn", "2026-11-26");
        params.put("dueDate", "2026-12-26");
        params.put("invoiceUrl", "https://app.aifinance.test/billing/invoices/42");
        String id = publish(request("invoice_issued", recipient(null, email), null, "enterprise", params));

        Row row = awaitStatus(id, Channel.EMAIL, "delivered");
        assertThat(row.address()).isEqualTo(email);
        JsonNode mail = vendors.callsTo(email).getFirst().json();
        assertThat(mail.path("subject").asString()).isEqualTo("Invoice INV-USD-2026-000042 for USD 24000.00");
        assertThat(mail.path("content").path(0).path("value").asString())
                .contains("due on 2026-12-26", "https://app.aifinance.test/billing/invoices/42");
        assertThat(mail.path("content").path(1).path("value").asString())
                .contains("<a href=\"https://app.aifinance.test/billing/invoices/42\">");
    }

    @Test
    void proSubscriberIsReachedOnEveryPreferredChannelWithAVerifiedAddress() {
        String user = "user-" + UUID.randomUUID();
        String chat = chatId();
        String whatsapp = phone();
        String email = user + "@example.com";
        verified(user, Channel.TELEGRAM, chat);
        verified(user, Channel.WHATSAPP, whatsapp);
        preferences.saveChannels(user, List.of(Channel.TELEGRAM, Channel.WHATSAPP, Channel.EMAIL), clock.instant());

        String id = publish(request("signal_published", recipient(user, email), null, "pro", signal()));

        awaitStatus(id, Channel.TELEGRAM, "delivered");
        awaitStatus(id, Channel.WHATSAPP, "delivered");
        awaitStatus(id, Channel.EMAIL, "delivered");
        JsonNode telegram = vendors.callsTo(chat).getFirst().json();
        assertThat(telegram.path("parse_mode").asString()).isEqualTo("HTML");
        assertThat(telegram.path("text").asString()).startsWith("<b>New crypto signal: BTC-USD long</b>");
        JsonNode template = vendors.callsTo(whatsapp.substring(1)).getFirst().json().path("template");
        assertThat(template.path("name").asString()).isEqualTo("signal_published");
        assertThat(template.path("components").path(0).path("parameters").findValues("text"))
                .extracting(JsonNode::asString)
                .containsExactly("crypto", "BTC-USD", "long", "64000.00", "68000.00", "62000.00", "0.71");
    }

    @Test
    void basicSubscriberGetsNoTelegramOrWhatsAppEvenWhenPreferred() {
        String user = "user-" + UUID.randomUUID();
        String chat = chatId();
        verified(user, Channel.TELEGRAM, chat);
        preferences.saveChannels(user, List.of(Channel.TELEGRAM, Channel.EMAIL), clock.instant());

        String id = publish(request("signal_published", recipient(user, user + "@example.com"), null, "basic", signal()));

        awaitStatus(id, Channel.EMAIL, "delivered");
        assertThat(deliveries(id)).extracting(Row::channel).containsExactly("email");
        assertThat(vendors.callsTo(chat)).isEmpty();
    }

    @Test
    void explicitTelegramForABasicSubscriberIsRejectedForTheTier() {
        String id = publish(request("signal_published", Map.of("userId", "u-basic", "telegramChatId", chatId()),
                "telegram", "basic", signal()));

        assertThat(awaitRejection(id)).contains("Pro and Enterprise");
        assertThat(deliveries(id)).isEmpty();
    }

    @Test
    void malformedRequestsAreRejectedWithTheReasonAndTheWorkerKeepsGoing() {
        String notAnObject = transactions.execute(status ->
                outbox.publish(EventStreams.NOTIFY, "notification.requested", "x", "just a string").id());
        Map<String, Object> noId = request("mfa_code", recipient(null, "x@example.com"), null, "basic",
                Map.of("code", "123456", "expiresInMinutes", 5));
        noId.remove("notificationId");
        String missingId = transactions.execute(status ->
                outbox.publish(EventStreams.NOTIFY, "notification.requested", "x", noId).id());
        String badParams = publish(request("mfa_code", recipient(null, "y@example.com"), null, "basic",
                Map.of("code", "not-digits", "expiresInMinutes", 5)));
        String email = "after-" + UUID.randomUUID() + "@example.com";
        String good = publish(request("mfa_code", recipient(null, email), null, "basic",
                Map.of("code", "654321", "expiresInMinutes", 5)));

        awaitStatus(good, Channel.EMAIL, "delivered");
        assertThat(rejectionsOfEvent(notAnObject)).singleElement().asString().contains("data is not a JSON object");
        assertThat(rejectionsOfEvent(missingId)).singleElement().asString().contains("notificationId is missing");
        assertThat(awaitRejection(badParams)).contains("param code must be 4 to 10 digits");
        assertThat(jdbc.sql("select payload::text from notification_rejections where notification_id = ?")
                .param(badParams).query(String.class).single()).doesNotContain("not-digits");
    }

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aStreamEntryThatIsNotAnEventIsDeadLetteredOnTheStreamAndTheNextRequestIsStillDelivered() {
        String garbage = "{\"notificationId\": \"no envelope " + UUID.randomUUID() + "\"";
        var poison = redis.opsForStream().add(EventStreams.NOTIFY, Map.of("event", garbage));
        String email = "next-" + UUID.randomUUID() + "@example.com";

        String id = publish(request("incident", recipient(null, email), "email", "none", incident()));

        awaitStatus(id, Channel.EMAIL, "delivered");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(redis.opsForStream()
                .range(EventStreams.deadLetterOf(EventStreams.NOTIFY), Range.unbounded()))
                .anySatisfy(letter -> assertThat(letter.getValue())
                        .containsEntry("entryId", poison.getValue())
                        .containsEntry("event", garbage)
                        .hasEntrySatisfying("reason", reason -> assertThat(String.valueOf(reason)).startsWith("malformed event"))));
    }

    @Test
    void unknownChannelIsRejected() {
        String id = publish(request("incident", recipient(null, "ops@example.com"), "fax", "none", incident()));

        assertThat(awaitRejection(id)).contains("unknown channel 'fax'");
    }

    @Test
    void userWithoutAVerifiedAddressForTheChannelIsRejected() {
        String user = "user-" + UUID.randomUUID();
        preferences.connect(user, Channel.WHATSAPP, phone(), "hash", clock.instant().plusSeconds(600), clock.instant());

        String id = publish(request("payment_failed", Map.of("userId", user), "whatsapp", "pro",
                Map.of("amountMinor", 50000, "currency", "USD", "reason", "card declined")));

        assertThat(awaitRejection(id)).contains("no verified whatsapp address for user " + user);
    }

    @Test
    void userDataIsEscapedForEachChannelFormat() {
        String chat = chatId();
        String webhook = vendors.slackWebhook("escape" + ThreadLocalRandom.current().nextInt(1_000_000));
        String email = "escape-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> params = Map.of("ticketId", "T-1", "subject", "Help & <b>urgent</b>",
                "message", "<script>alert(1)</script> <!channel> & co");

        String viaTelegram = publish(request("support_ticket", Map.of("telegramChatId", chat), "telegram", "pro", params));
        String viaSlack = publish(request("support_ticket", Map.of("slackWebhook", webhook), "slack", "none", params));
        String viaEmail = publish(request("support_ticket", recipient(null, email), "email", "basic", params));

        awaitStatus(viaTelegram, Channel.TELEGRAM, "delivered");
        awaitStatus(viaSlack, Channel.SLACK, "delivered");
        awaitStatus(viaEmail, Channel.EMAIL, "delivered");
        String telegram = vendors.callsTo(chat).getFirst().json().path("text").asString();
        assertThat(telegram).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Help &amp; &lt;b&gt;urgent&lt;/b&gt;")
                .doesNotContain("<script>");
        String slack = vendors.callsTo(webhook).getFirst().json().path("text").asString();
        assertThat(slack).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        String html = vendors.callsTo(email).getFirst().json().path("content").path(1).path("value").asString();
        assertThat(html).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilDelivered() {
        String email = "flaky-" + UUID.randomUUID() + "@example.com";
        vendors.script(email, Reply.SERVER_ERROR, Reply.SERVER_ERROR);

        String id = publish(request("incident", recipient(null, email), "email", "none", incident()));

        Row row = awaitStatus(id, Channel.EMAIL, "delivered");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(vendors.callsTo(email)).hasSize(3);
    }

    @Test
    void throttledDeliveryWaitsForRetryAfterBeforeTheNextAttempt() {
        String chat = chatId();
        vendors.script(chat, Reply.THROTTLED);

        String id = publish(request("incident", Map.of("telegramChatId", chat), "telegram", "enterprise", incident()));

        awaitStatus(id, Channel.TELEGRAM, "delivered");
        List<FakeVendors.Call> calls = vendors.callsTo(chat);
        assertThat(calls).hasSize(2);
        assertThat(Duration.ofNanos(calls.get(1).atNanos() - calls.get(0).atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void providerTimeoutsAreRetriedAndThenDeadLetteredWithTheReason() {
        String email = "slow-" + UUID.randomUUID() + "@example.com";
        vendors.script(email, Reply.TIMEOUT, Reply.TIMEOUT, Reply.TIMEOUT);

        String id = publish(request("incident", recipient(null, email), "email", "none", incident()));

        Row row = awaitStatus(id, Channel.EMAIL, "dead_lettered");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.lastError()).contains("gave up after 3 attempts").contains("did not answer within 1000 ms");
    }

    @Test
    void providerGarbageIsDeadLetteredWhileOtherDeliveriesGoOn() {
        String broken = chatId();
        String healthy = chatId();
        vendors.script(broken, Reply.GARBAGE, Reply.GARBAGE, Reply.GARBAGE);

        String bad = publish(request("incident", Map.of("telegramChatId", broken), "telegram", "pro", incident()));
        String good = publish(request("incident", Map.of("telegramChatId", healthy), "telegram", "pro", incident()));

        awaitStatus(good, Channel.TELEGRAM, "delivered");
        Row row = awaitStatus(bad, Channel.TELEGRAM, "dead_lettered");
        assertThat(row.lastError()).contains("body we cannot read").contains("Maintenance");
    }

    @Test
    void aRefusedMessageIsDeadLetteredAtOnceWithoutRetrying() {
        String number = phone();
        vendors.script(number.substring(1), Reply.REJECTED);

        String id = publish(request("incident", Map.of("whatsappNumber", number), "whatsapp", "pro", incident()));

        Row row = awaitStatus(id, Channel.WHATSAPP, "dead_lettered");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).contains("131026").contains("Message undeliverable");
        assertThat(vendors.callsTo(number.substring(1))).hasSize(1);
    }

    @Test
    void smsIsParkedWithTheReasonWhileTwilioIsNotConfigured() {
        String id = publish(request("mfa_code", Map.of("phone", phone()), "sms", "basic",
                Map.of("code", "112233", "expiresInMinutes", 5)));

        Row row = awaitStatus(id, Channel.SMS, "parked");
        assertThat(row.lastError()).contains("sms is not configured").contains("TWILIO_ACCOUNT_SID");
    }

    @Test
    void aDeliveryLeftUnfinishedByAKilledInstanceIsDeliveredAfterItsLeaseExpires() {
        String email = "orphan-" + UUID.randomUUID() + "@example.com";
        String notification = "orphan-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        // The state a process leaves when it is killed after claiming a delivery and before recording the outcome.
        jdbc.sql("""
                        insert into notification_deliveries (id, notification_id, event_id, template, channel, address, tier,
                            priority, params, status, attempts, next_attempt_at, lease_until, leased_by, requested_at,
                            queued_at, updated_at)
                        values (?, ?, ?, 'incident', 'email', ?, 'none', 'normal', ?::jsonb, 'sending', 1, ?, ?,
                            'queue-monitor-service-killed-host-4242', ?, ?, ?)""")
                .params(UUID.randomUUID(), notification, notification, email,
                        "{\"severity\":\"major\",\"title\":\"API down\",\"summary\":\"x\",\"status\":\"investigating\",\"statusUrl\":\"https://status.aifinance.test\"}",
                        now, now.plusSeconds(1), now, now, now)
                .update();

        Row row = awaitStatus(notification, Channel.EMAIL, "delivered");
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(vendors.callsTo(email)).hasSize(1);
    }

    @Test
    void premiumSignalBroadcastGoesToTheTelegramPremiumChannel() {
        int before = vendors.callsTo("@aifa_premium").size();

        String id = publish(request("signal_published", Map.of(), null, "pro", signal()));

        Row row = awaitStatus(id, Channel.TELEGRAM, "delivered");
        assertThat(row.address()).isEqualTo("@aifa_premium");
        assertThat(vendors.callsTo("@aifa_premium")).hasSize(before + 1);
    }

    @Test
    void incidentWithoutRecipientGoesToTheOperationsSlackChannel() {
        String id = publish(request("incident", Map.of(), null, "none", incident()));

        Row row = awaitStatus(id, Channel.SLACK, "delivered");
        assertThat(row.address()).isEqualTo(vendors.slackWebhook("opsopsops"));
    }

    @Test
    void opsCanRetryADeadLetteredDeliveryAndTheRetryIsAudited() {
        String email = "retry-" + UUID.randomUUID() + "@example.com";
        vendors.script(email, Reply.REJECTED);
        String id = publish(request("incident", recipient(null, email), "email", "none", incident()));
        awaitStatus(id, Channel.EMAIL, "dead_lettered");
        String deliveryId = jdbc.sql("select id::text from notification_deliveries where notification_id = ?").param(id)
                .query(String.class).single();
        Api api = new Api(port);

        assertThat(api.post("/api/queues/notifications/deliveries/" + deliveryId + "/retry",
                TestJwts.subscriber("someone", "pro"), "{\"reason\":\"x\"}").status()).isEqualTo(403);
        Api.Response retried = api.post("/api/queues/notifications/deliveries/" + deliveryId + "/retry",
                TestJwts.ops("ops-7"), "{\"reason\":\"address fixed at SendGrid\"}");

        assertThat(retried.status()).isEqualTo(200);
        awaitStatus(id, Channel.EMAIL, "delivered");
        assertThat(jdbc.sql("select actor || '|' || reason || '|' || coalesce(address, '') from queue_actions where entry_id = ?")
                .param(deliveryId).query(String.class).single()).startsWith("ops-7|address fixed at SendGrid|127.0.0.1");
        Api.Response list = api.get("/api/queues/notifications/deliveries?status=delivered&channel=email&size=5", TestJwts.ops("ops-7"));
        assertThat(list.json().path("items").size()).isBetween(1, 5);
        assertThat(api.get("/api/queues/notifications/deliveries?status=bogus", TestJwts.ops("ops-7")).status()).isEqualTo(400);
    }

    // --- helpers

    private String publish(Map<String, Object> data) {
        transactions.executeWithoutResult(status ->
                outbox.publish(EventStreams.NOTIFY, "notification.requested", String.valueOf(data.get("notificationId")), data));
        return String.valueOf(data.get("notificationId"));
    }

    private static Map<String, Object> request(String template, Map<String, Object> recipient, String channel, String tier,
                                               Map<String, Object> params) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("notificationId", "n-" + UUID.randomUUID());
        data.put("template", template);
        data.put("recipient", recipient);
        data.put("channel", channel);
        data.put("tier", tier);
        data.put("params", params);
        data.put("priority", "normal");
        return data;
    }

    private static Map<String, Object> recipient(String userId, String email) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("userId", userId);
        recipient.put("email", email);
        return recipient;
    }

    private static Map<String, Object> signal() {
        return Map.of("symbol", "BTC-USD", "assetClass", "crypto", "direction", "long", "entry", "64000.00",
                "target", "68000.00", "stop", "62000.00", "confidence", "0.71");
    }

    private static Map<String, Object> incident() {
        return Map.of("severity", "major", "title", "API latency", "summary", "Signals are delayed.",
                "status", "investigating", "statusUrl", "https://status.aifinance.test/incidents/1");
    }

    private void verified(String user, Channel channel, String address) {
        preferences.connect(user, channel, address, "hash", clock.instant().plusSeconds(600), clock.instant());
        preferences.markVerified(user, channel, clock.instant());
    }

    private static String chatId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 9_000_000_000L));
    }

    private static String phone() {
        return "+4915" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    }

    private List<Row> deliveries(String notificationId) {
        return jdbc.sql("""
                        select channel, status, attempts, last_error, provider_message_id, address
                          from notification_deliveries where notification_id = ? order by channel""")
                .param(notificationId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    private Row awaitStatus(String notificationId, Channel channel, String status) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> deliveries(notificationId).stream()
                        .filter(row -> row.channel().equals(channel.id()) && row.status().equals(status)).findFirst().orElse(null),
                row -> row != null);
    }

    private String awaitRejection(String notificationId) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql(
                                "select reason from notification_rejections where notification_id = ?")
                        .param(notificationId).query(String.class).optional().orElse(null),
                reason -> reason != null);
    }

    private List<String> rejectionsOfEvent(String eventId) {
        return await().atMost(PATIENCE).until(() -> jdbc.sql("select reason from notification_rejections where event_id = ?")
                .param(eventId).query(String.class).list(), reasons -> !reasons.isEmpty());
    }
}
