package com.aifinance.queuemonitor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One local server that plays Telegram, WhatsApp Cloud API, SendGrid, Twilio and Slack for the whole test JVM. Each
 * vendor's handler checks the request the way the vendor does (path, credentials, content type, required fields)
 * and answers with the vendor's own success or error bodies. What a given address gets is scripted per address
 * ({@link #script}); unscripted addresses succeed.
 */
public final class FakeVendors {

    public static final String TELEGRAM_TOKEN = "123456:TEST-bot-token";
    public static final String WHATSAPP_TOKEN = "EAAG-test-token";
    public static final String WHATSAPP_PHONE_ID = "106540352242922";
    public static final String SENDGRID_KEY = "SG.test-key";
    public static final String TWILIO_SID = "AC00000000000000000000000000000001";
    public static final String TWILIO_TOKEN = "twilio-test-token";

    /** What the fake answers to one request for an address. */
    public enum Reply { OK, SERVER_ERROR, THROTTLED, REJECTED, TIMEOUT, GARBAGE }

    public record Call(String vendor, String path, Map<String, String> headers, String body, long atNanos) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger IDS = new AtomicInteger(1000);
    private static FakeVendors instance;

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();
    private final List<Call> all = new CopyOnWriteArrayList<>();

    public static synchronized FakeVendors get() {
        if (instance == null) {
            instance = new FakeVendors();
            instance.start();
        }
        return instance;
    }

    private void start() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeVendors.this.dispatch(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl(String vendor) {
        return "http://127.0.0.1:" + server.getPort() + "/" + vendor;
    }

    public String slackWebhook(String name) {
        return baseUrl("slack") + "/services/T0TEST/B0TEST/" + name;
    }

    /** The replies {@code address} gets, in order; after the last one it gets OK. */
    public void script(String address, Reply... replies) {
        scripts.put(address, new ConcurrentLinkedDeque<>(List.of(replies)));
    }

    public List<Call> callsTo(String address) {
        return calls.getOrDefault(address, List.of());
    }

    public List<Call> all() {
        return Collections.unmodifiableList(all);
    }

    private MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : request.getHeaders().names()) {
            headers.put(name.toLowerCase(), request.getHeaders().get(name));
        }
        try {
            if (path.startsWith("/telegram/")) {
                return telegram(path, headers, body);
            }
            if (path.startsWith("/graph/")) {
                return whatsapp(path, headers, body);
            }
            if (path.startsWith("/sendgrid/")) {
                return sendgrid(path, headers, body);
            }
            if (path.startsWith("/twilio/")) {
                return twilio(path, headers, body);
            }
            if (path.startsWith("/slack/")) {
                return slack(path, headers, body);
            }
        } catch (RuntimeException malformed) {
            return json(400, "{\"error\":\"fake could not read the request: " + malformed.getMessage().replace('"', '\'') + "\"}");
        }
        return new MockResponse.Builder().code(404).body("no such vendor").build();
    }

    private MockResponse telegram(String path, Map<String, String> headers, String body) {
        if (!path.equals("/telegram/bot" + TELEGRAM_TOKEN + "/sendMessage")) {
            return json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        }
        JsonNode message = JSON.readTree(body);
        if (!headers.getOrDefault("content-type", "").startsWith("application/json") || !message.has("chat_id")
                || !message.path("text").isString() || !"HTML".equals(message.path("parse_mode").asString(""))) {
            return json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message text is empty\"}");
        }
        String address = message.path("chat_id").asString();
        return switch (record("telegram", address, path, headers, body)) {
            case OK -> json(200, """
                    {"ok":true,"result":{"message_id":%d,"from":{"id":123456,"is_bot":true,"first_name":"AIFA","username":"aifa_bot"},
                    "chat":{"id":%s,"type":"private"},"date":1764140140,"text":"…"}}""".formatted(IDS.incrementAndGet(),
                    address.startsWith("@") ? "-1001234567890" : address));
            case SERVER_ERROR -> json(502, "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}");
            case THROTTLED -> json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}");
            case REJECTED -> json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
            case TIMEOUT -> slow(json(200, "{\"ok\":true,\"result\":{\"message_id\":1}}"));
            case GARBAGE -> html();
        };
    }

    private MockResponse whatsapp(String path, Map<String, String> headers, String body) {
        if (!headers.getOrDefault("authorization", "").equals("Bearer " + WHATSAPP_TOKEN)) {
            return json(401, graphError(190, "OAuthException", "Invalid OAuth access token - Cannot parse access token"));
        }
        if (!path.matches("/graph/v\\d+\\.\\d+/" + WHATSAPP_PHONE_ID + "/messages")) {
            return json(400, graphError(100, "OAuthException", "Unsupported post request."));
        }
        JsonNode message = JSON.readTree(body);
        if (!"whatsapp".equals(message.path("messaging_product").asString(""))
                || !"template".equals(message.path("type").asString(""))
                || !message.path("template").path("name").isString()
                || !message.path("template").path("language").path("code").isString()) {
            return json(400, graphError(100, "OAuthException", "(#100) Invalid parameter"));
        }
        for (JsonNode parameter : message.path("template").path("components").path(0).path("parameters")) {
            String text = parameter.path("text").asString("");
            if (text.contains("\n") || text.contains("\t") || text.contains("     ")) {
                return json(400, graphError(132018, "OAuthException", "(#132018) There was an issue with the parameters in your template."));
            }
        }
        String address = message.path("to").asString();
        return switch (record("whatsapp", address, path, headers, body)) {
            case OK -> json(200, """
                    {"messaging_product":"whatsapp","contacts":[{"input":"%s","wa_id":"%s"}],
                     "messages":[{"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI%d","message_status":"accepted"}]}"""
                    .formatted(address, address, IDS.incrementAndGet()));
            case SERVER_ERROR -> json(500, graphError(131000, "OAuthException", "(#131000) Something went wrong"));
            case THROTTLED -> json(400, graphError(130429, "OAuthException", "(#130429) Rate limit hit"));
            case REJECTED -> json(400, graphError(131026, "OAuthException", "(#131026) Message undeliverable"));
            case TIMEOUT -> slow(json(200, "{}"));
            case GARBAGE -> html();
        };
    }

    private MockResponse sendgrid(String path, Map<String, String> headers, String body) {
        if (!headers.getOrDefault("authorization", "").equals("Bearer " + SENDGRID_KEY)) {
            return json(401, "{\"errors\":[{\"message\":\"The provided authorization grant is invalid, expired, or revoked\",\"field\":null,\"help\":null}]}");
        }
        if (!path.equals("/sendgrid/v3/mail/send")) {
            return json(404, "{\"errors\":[{\"message\":\"not found\",\"field\":null,\"help\":null}]}");
        }
        JsonNode mail = JSON.readTree(body);
        List<String> problems = new ArrayList<>();
        if (!mail.path("personalizations").path(0).path("to").path(0).path("email").isString()) {
            problems.add("{\"message\":\"The personalizations field is required and must have at least one personalization.\",\"field\":\"personalizations\",\"help\":null}");
        }
        if (!mail.path("from").path("email").isString()) {
            problems.add("{\"message\":\"The from object must be provided for every email send.\",\"field\":\"from\",\"help\":null}");
        }
        if (!mail.path("subject").isString() || mail.path("subject").asString().isBlank()) {
            problems.add("{\"message\":\"The subject is required.\",\"field\":\"subject\",\"help\":null}");
        }
        if (!"text/plain".equals(mail.path("content").path(0).path("type").asString(""))) {
            problems.add("{\"message\":\"The text/plain content type must be first.\",\"field\":\"content\",\"help\":null}");
        }
        if (!problems.isEmpty()) {
            return json(400, "{\"errors\":[" + String.join(",", problems) + "]}");
        }
        String address = mail.path("personalizations").path(0).path("to").path(0).path("email").asString();
        return switch (record("sendgrid", address, path, headers, body)) {
            case OK -> new MockResponse.Builder().code(202).addHeader("X-Message-Id", "sg-" + IDS.incrementAndGet()).build();
            case SERVER_ERROR -> json(503, "{\"errors\":[{\"message\":\"Service Unavailable\",\"field\":null,\"help\":null}]}");
            case THROTTLED -> new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
                    .addHeader("X-RateLimit-Limit", "600").addHeader("X-RateLimit-Remaining", "0")
                    .addHeader("X-RateLimit-Reset", String.valueOf(System.currentTimeMillis() / 1000 + 1))
                    .body("{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}").build();
            case REJECTED -> json(400, "{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"personalizations.0.to.0.email\",\"help\":\"http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.personalizations.to\"}]}");
            case TIMEOUT -> slow(new MockResponse.Builder().code(202).build());
            case GARBAGE -> new MockResponse.Builder().code(500).addHeader("Content-Type", "text/html")
                    .body("<html><body><h1>500 Internal Server Error</h1></body></html>").build();
        };
    }

    private MockResponse twilio(String path, Map<String, String> headers, String body) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((TWILIO_SID + ":" + TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!headers.getOrDefault("authorization", "").equals(expected)) {
            return json(401, "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}");
        }
        if (!path.equals("/twilio/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json")
                || !headers.getOrDefault("content-type", "").startsWith("application/x-www-form-urlencoded")) {
            return json(404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"more_info\":\"https://www.twilio.com/docs/errors/20404\",\"status\":404}");
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (!form.containsKey("To") || !form.containsKey("Body") || !(form.containsKey("From") || form.containsKey("MessagingServiceSid"))) {
            return json(400, "{\"code\":21604,\"message\":\"A 'To' phone number is required.\",\"more_info\":\"https://www.twilio.com/docs/errors/21604\",\"status\":400}");
        }
        String address = form.get("To");
        return switch (record("twilio", address, path, headers, body)) {
            case OK -> json(201, """
                    {"account_sid":"%s","api_version":"2010-04-01","body":"…","direction":"outbound-api","from":"%s",
                     "sid":"SM%032d","status":"queued","to":"%s","uri":"/2010-04-01/Accounts/%s/Messages/SM.json"}"""
                    .formatted(TWILIO_SID, form.getOrDefault("From", ""), IDS.incrementAndGet(), address, TWILIO_SID));
            case SERVER_ERROR -> json(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"more_info\":\"https://www.twilio.com/docs/errors/20500\",\"status\":500}");
            case THROTTLED -> json(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"more_info\":\"https://www.twilio.com/docs/errors/20429\",\"status\":429}");
            case REJECTED -> json(400, "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number: " + address + "\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");
            case TIMEOUT -> slow(json(201, "{\"sid\":\"SMslow\"}"));
            case GARBAGE -> html();
        };
    }

    private MockResponse slack(String path, Map<String, String> headers, String body) {
        if (!path.matches("/slack/services/T\\w+/B\\w+/\\w+")) {
            return new MockResponse.Builder().code(404).body("no_service").build();
        }
        JsonNode message = JSON.readTree(body);
        if (!message.path("text").isString() || message.path("text").asString().isBlank()) {
            return new MockResponse.Builder().code(400).body("no_text").build();
        }
        String address = baseUrl("slack") + path.substring("/slack".length());
        return switch (record("slack", address, path, headers, body)) {
            case OK -> new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html").body("ok").build();
            case SERVER_ERROR -> new MockResponse.Builder().code(500).body("internal_error").build();
            case THROTTLED -> new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("rate_limited").build();
            case REJECTED -> new MockResponse.Builder().code(410).body("channel_is_archived").build();
            case TIMEOUT -> slow(new MockResponse.Builder().code(200).body("ok").build());
            case GARBAGE -> new MockResponse.Builder().code(200).body("{\"surprise\":true}").build();
        };
    }

    private Reply record(String vendor, String address, String path, Map<String, String> headers, String body) {
        Call call = new Call(vendor, path, headers, body, System.nanoTime());
        calls.computeIfAbsent(address, key -> new CopyOnWriteArrayList<>()).add(call);
        all.add(call);
        Deque<Reply> script = scripts.get(address);
        Reply reply = script == null ? null : script.pollFirst();
        return reply == null ? Reply.OK : reply;
    }

    private static String graphError(int code, String type, String message) {
        return """
                {"error":{"message":"%s","type":"%s","code":%d,"error_data":{"messaging_product":"whatsapp","details":"%s"},"fbtrace_id":"AazdK1Wg8Y2Xl3bZ"}}"""
                .formatted(message, type, code, message);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse html() {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html><head><title>Maintenance</title></head><body>Back soon</body></html>").build();
    }

    /** Answers only after the client's 1 s test timeout. */
    private static MockResponse slow(MockResponse response) {
        return new MockResponse.Builder(response).headersDelay(3, TimeUnit.SECONDS).build();
    }

    static Map<String, Object> properties(FakeVendors vendors) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("aifa.notify.telegram.base-url", vendors.baseUrl("telegram"));
        properties.put("aifa.notify.telegram.bot-token", TELEGRAM_TOKEN);
        properties.put("aifa.notify.telegram.premium-chat-id", "@aifa_premium");
        properties.put("aifa.notify.whatsapp.base-url", vendors.baseUrl("graph"));
        properties.put("aifa.notify.whatsapp.phone-number-id", WHATSAPP_PHONE_ID);
        properties.put("aifa.notify.whatsapp.access-token", WHATSAPP_TOKEN);
        properties.put("aifa.notify.sendgrid.base-url", vendors.baseUrl("sendgrid"));
        properties.put("aifa.notify.sendgrid.api-key", SENDGRID_KEY);
        properties.put("aifa.notify.sendgrid.from-email", "alerts@aifinance.test");
        // Twilio stays unconfigured in the service tests: that is how "not configured, parked" is tested end to end.
        properties.put("aifa.notify.twilio.base-url", vendors.baseUrl("twilio"));
        properties.put("aifa.notify.slack.base-url", vendors.baseUrl("slack"));
        properties.put("aifa.notify.slack.default-webhook-url", vendors.slackWebhook("opsopsops"));
        properties.put("aifa.notify.request-timeout", "1s");
        properties.put("aifa.notify.connect-timeout", "1s");
        properties.put("aifa.notify.lease", "3s");
        properties.put("aifa.notify.poll-interval", "200ms");
        properties.put("aifa.notify.max-attempts", "3");
        properties.put("aifa.notify.initial-backoff", "100ms");
        properties.put("aifa.notify.max-backoff", "400ms");
        properties.put("aifa.notify.telegram.rate-per-second", "200");
        properties.put("aifa.notify.telegram.burst", "50");
        properties.put("aifa.notify.sendgrid.rate-per-second", "200");
        properties.put("aifa.notify.sendgrid.burst", "50");
        properties.put("aifa.events.block", "500ms");
        properties.put("aifa.queues.sample-cron", "-");
        properties.put("aifa.queues.metrics-refresh", "1s");
        properties.put("aifa.queues.metrics-initial-delay", "1s");
        return properties;
    }
}
