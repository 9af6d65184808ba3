package com.aifinance.queuemonitor.notification.provider;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each provider against a local server: the request it sends is the vendor's documented format, and the vendor's
 * real answers (success, refusal, throttling, server errors, garbage, silence) become the right {@link SendResult}.
 */
class ProviderSendersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);

    private MockWebServer server;
    private ProviderClients clients;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        clients = new ProviderClients(Duration.ofSeconds(2), Duration.ofMillis(2000), JSON, CLOCK);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String base() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private static OutboundMessage message(String address) {
        return new OutboundMessage("d-1", "n-1", "incident", address, new Message("Title", "<b>Title</b>\n\nBody",
                "<p>Body</p>", "incident", List.of("major", "API down")));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private TelegramSender telegram() {
        return new TelegramSender(new TelegramProperties(base(), "42:secret", "", 30, 1, 1), clients);
    }

    @Test
    void telegramSendsHtmlMessagesToTheBotsSendMessageMethod() throws Exception {
        server.enqueue(json(200, "{\"ok\":true,\"result\":{\"message_id\":77,\"chat\":{\"id\":123,\"type\":\"private\"},\"date\":1,\"text\":\"x\"}}"));

        SendResult result = telegram().send(message("123"));

        assertThat(result).isEqualTo(new SendResult.Delivered("77"));
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/bot42:secret/sendMessage");
        JsonNode body = JSON.readTree(request.getBody().utf8());
        assertThat(body.path("chat_id").asString()).isEqualTo("123");
        assertThat(body.path("parse_mode").asString()).isEqualTo("HTML");
        assertThat(body.path("text").asString()).isEqualTo("<b>Title</b>\n\nBody");
    }

    @Test
    void telegramThrottlingIsRetriedAfterTheSecondsTelegramAsksFor() {
        server.enqueue(json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 35\",\"parameters\":{\"retry_after\":35}}"));

        SendResult result = telegram().send(message("123"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Retryable.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(35)));
    }

    @Test
    void telegramRefusalsAreNotRetriedAndKeepTelegramsDescription() {
        server.enqueue(json(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}"));

        assertThat(telegram().send(message("123"))).isEqualTo(
                new SendResult.Rejected("Telegram 403: Forbidden: bot was blocked by the user"));
    }

    @Test
    void aProviderThatAnswersTooLateIsRetried() {
        server.enqueue(new MockResponse.Builder(json(200, "{\"ok\":true,\"result\":{\"message_id\":1}}"))
                .headersDelay(3, TimeUnit.SECONDS).build());

        SendResult result = telegram().send(message("123"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Retryable.class,
                retry -> assertThat(retry.reason()).contains("did not answer within 2000 ms"));
    }

    @Test
    void aProviderThatAnswersGarbageIsRetriedWithWhatItSaid() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html>Gateway maintenance</html>").build());

        SendResult result = telegram().send(message("123"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Retryable.class,
                retry -> assertThat(retry.reason()).contains("HTTP 200").contains("Gateway maintenance"));
    }

    @Test
    void anUnreachableProviderIsRetried() {
        String base = base();
        server.close();
        TelegramSender sender = new TelegramSender(new TelegramProperties(base, "42:secret", "", 30, 1, 1), clients);

        assertThat(sender.send(message("123"))).isInstanceOf(SendResult.Retryable.class);
    }

    @Test
    void whatsAppSendsAnApprovedTemplateWithOrderedParameters() throws Exception {
        server.enqueue(json(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"4915112345678\",\"wa_id\":\"4915112345678\"}],\"messages\":[{\"id\":\"wamid.ABC\"}]}"));
        WhatsAppSender sender = new WhatsAppSender(new WhatsAppProperties(base(), "v21.0", "1065", "EAAG", "en_US", 10, 1, 1), clients);

        assertThat(sender.send(message("+4915112345678"))).isEqualTo(new SendResult.Delivered("wamid.ABC"));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v21.0/1065/messages");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer EAAG");
        JsonNode body = JSON.readTree(request.getBody().utf8());
        assertThat(body.path("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(body.path("to").asString()).isEqualTo("4915112345678");
        assertThat(body.path("type").asString()).isEqualTo("template");
        assertThat(body.path("template").path("language").path("code").asString()).isEqualTo("en_US");
        assertThat(body.path("template").path("components").path(0).path("parameters").findValuesAsString("text"))
                .containsExactly("major", "API down");
    }

    @Test
    void whatsAppThrottlingArrivesAsA400AndIsStillRetried() {
        server.enqueue(json(400, "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\",\"code\":130429,\"fbtrace_id\":\"A\"}}"));
        server.enqueue(json(400, "{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":\"OAuthException\",\"code\":131026,\"fbtrace_id\":\"B\"}}"));
        WhatsAppSender sender = new WhatsAppSender(new WhatsAppProperties(base(), "v21.0", "1065", "EAAG", "en_US", 10, 1, 1), clients);

        assertThat(sender.send(message("+4915112345678"))).isInstanceOf(SendResult.Retryable.class);
        assertThat(sender.send(message("+4915112345678"))).isInstanceOfSatisfying(SendResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("#131026"));
    }

    @Test
    void sendGridGetsPersonalizationsAndPlainTextFirstAndReturnsTheMessageId() throws Exception {
        server.enqueue(new MockResponse.Builder().code(202).addHeader("X-Message-Id", "sg-abc").build());
        SendGridSender sender = new SendGridSender(new SendGridProperties(base(), "SG.key", "alerts@aifa.test", "AIFA", 10, 1, 1), clients);

        assertThat(sender.send(message("ada@example.com"))).isEqualTo(new SendResult.Delivered("sg-abc"));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mail/send");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer SG.key");
        JsonNode body = JSON.readTree(request.getBody().utf8());
        assertThat(body.path("personalizations").path(0).path("to").path(0).path("email").asString()).isEqualTo("ada@example.com");
        assertThat(body.path("from").path("email").asString()).isEqualTo("alerts@aifa.test");
        assertThat(body.path("content").findValuesAsString("type")).containsExactly("text/plain", "text/html");
    }

    @Test
    void sendGridRateLimitWaitsUntilTheResetTime() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("X-RateLimit-Reset",
                        String.valueOf(CLOCK.instant().plusSeconds(20).getEpochSecond()))
                .body("{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}").build());
        server.enqueue(json(400, "{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"personalizations.0.to.0.email\",\"help\":null}]}"));
        SendGridSender sender = new SendGridSender(new SendGridProperties(base(), "SG.key", "alerts@aifa.test", "AIFA", 10, 1, 1), clients);

        assertThat(sender.send(message("ada@example.com"))).isInstanceOfSatisfying(SendResult.Retryable.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(20)));
        assertThat(sender.send(message("ada@example.com"))).isEqualTo(new SendResult.Rejected(
                "SendGrid 400: Does not contain a valid address. (personalizations.0.to.0.email)"));
    }

    @Test
    void twilioPostsAFormWithBasicAuthAndReadsTheMessageSid() throws Exception {
        server.enqueue(json(201, "{\"sid\":\"SM123\",\"status\":\"queued\",\"to\":\"+4915112345678\"}"));
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7")
                .body("{\"code\":20503,\"message\":\"Service unavailable\",\"more_info\":\"https://www.twilio.com/docs/errors/20503\",\"status\":503}").build());
        TwilioSender sender = new TwilioSender(new TwilioProperties(base(), "AC1", "tok", "+15005550006", "", 1, 1, 1), clients);

        assertThat(sender.send(message("+4915112345678"))).isEqualTo(new SendResult.Delivered("SM123"));
        assertThat(sender.send(message("+4915112345678"))).isInstanceOfSatisfying(SendResult.Retryable.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(7)));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/2010-04-01/Accounts/AC1/Messages.json");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getHeaders().get("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("AC1:tok".getBytes(StandardCharsets.UTF_8)));
        assertThat(URLDecoder.decode(request.getBody().utf8(), StandardCharsets.UTF_8))
                .isEqualTo("To=+4915112345678&From=+15005550006&Body=<b>Title</b>\n\nBody");
    }

    @Test
    void twilioWithoutCredentialsIsNotConfiguredAndSaysWhatIsMissing() {
        TwilioSender sender = new TwilioSender(new TwilioProperties(base(), "", "", "", "", 1, 1, 1), clients);

        assertThat(sender.configured()).isFalse();
        assertThat(sender.missingSettings()).isEqualTo(
                "TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID");
    }

    @Test
    void slackPostsToTheWebhookAndOnlyToSlackWebhooks() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        server.enqueue(new MockResponse.Builder().code(410).body("channel_is_archived").build());
        SlackSender sender = new SlackSender(new SlackProperties(base(), "", 1, 1, 1), clients);
        String webhook = base() + "/services/T1/B2/xyz";

        assertThat(sender.send(message(webhook))).isEqualTo(new SendResult.Delivered(null));
        assertThat(sender.send(message(webhook))).isEqualTo(new SendResult.Rejected("Slack 410: channel_is_archived"));
        assertThat(sender.send(message("http://169.254.169.254/latest/meta-data"))).isInstanceOf(SendResult.Rejected.class);
        assertThat(server.takeRequest().getBody().utf8()).contains("\"text\":\"<b>Title</b>\\n\\nBody\"");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredToo() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "Thu, 26 Nov 2026 08:01:00 GMT")
                .body("rate_limited").build());
        SlackSender sender = new SlackSender(new SlackProperties(base(), "", 1, 1, 1), clients);

        assertThat(sender.send(message(base() + "/services/T1/B2/xyz"))).isInstanceOfSatisfying(SendResult.Retryable.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
    }
}
