package com.aifinance.dashboard.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.aifinance.dashboard.support.Browser;
import com.aifinance.dashboard.support.FakePlatform;
import com.aifinance.dashboard.support.FakePlatform.Service;
import com.aifinance.dashboard.support.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * signal.published events on the aifa.signal stream reach signed-in browsers over server-sent events (through the
 * hub's consumer group and its Redis channel), filtered by each user's entitlement from subscription-service.
 */
@HubTest
class LiveSignalsTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    private final FakePlatform fakes = FakePlatform.get();

    @BeforeEach
    void reset() {
        fakes.reset();
    }

    @Test
    void aPublishedSignalReachesEntitledSubscribersAndNotOthers() {
        Lines pro = open(Browser.User.subscriber("pro"), "[\"stock\",\"crypto\",\"forex\"]", "PT0S");
        Lines basic = open(Browser.User.subscriber("basic"), "[\"stock\"]", "PT0S");

        String symbol = "BTC-" + UUID.randomUUID().toString().substring(0, 6);
        publish(symbol, "crypto", Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> pro.text().contains(symbol));
        assertThat(pro.text()).contains("event:signal").contains("\"simulated\":true");
        assertThat(basic.text()).doesNotContain(symbol);
    }

    @Test
    void basicSubscribersGetAStockSignalOnlyAfterTheirDelay() {
        Lines basic = open(Browser.User.subscriber("basic"), "[\"stock\"]", "PT3S");

        String symbol = "SIM-" + UUID.randomUUID().toString().substring(0, 6);
        Instant generated = Instant.now();
        publish(symbol, "stock", generated);

        await().atMost(Duration.ofSeconds(30)).until(() -> basic.text().contains(symbol));
        assertThat(basic.arrivalOf(symbol)).isAfterOrEqualTo(generated.plusSeconds(3));
    }

    @Test
    void whenSubscriptionServiceIsDownThePlanInTheTokenDecidesWhatTheStreamCarries() {
        Browser browser = new Browser(port).login(Browser.User.subscriber("basic"));
        fakes.down(Service.SUBSCRIPTION, "GET", "/api/subscriptions/entitlements/*");
        Lines lines = new Lines();
        browser.stream("/signals/stream", lines::add);

        await().atMost(Duration.ofSeconds(20)).until(() -> lines.text().contains("event:ready"));
        assertThat(lines.text()).contains("\"assetClasses\":[\"stock\"]").contains("\"delaySeconds\":900");
    }

    @Test
    void aStreamWithoutASessionIsRefused() {
        Lines lines = new Lines();
        var response = new Browser(port).stream("/signals/stream", lines::add).join();

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private Lines open(Browser.User user, String classes, String delay) {
        Browser browser = new Browser(port).login(user);
        fakes.json(Service.SUBSCRIPTION, "GET", "/api/subscriptions/entitlements/" + user.subject(), 200, """
                {"subject":"%s","tier":"%s","features":{},"signalAssetClasses":%s,"signalDelay":"%s"}"""
                .formatted(user.subject(), user.tier(), classes, delay));
        Lines lines = new Lines();
        browser.stream("/signals/stream", lines::add);
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.text().contains("event:ready"));
        return lines;
    }

    private void publish(String symbol, String assetClass, Instant generatedAt) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/institutional-api-service","type":"signal.published",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"signalId":"%s","symbol":"%s","assetClass":"%s","direction":"long","entry":"100",
                         "target":"101","stop":"99","horizon":"PT10M","confidence":0.6,"modelVersion":"m1",
                         "generatedAt":"%s","simulated":true}}"""
                .formatted(UUID.randomUUID(), symbol, generatedAt, UUID.randomUUID(), symbol, assetClass, generatedAt);
        redis.opsForStream().add(StreamRecords.string(Map.of("event", event)).withStreamKey("aifa.signal"));
    }

    /** The lines a stream delivered, with when each arrived. */
    static final class Lines {

        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final List<Instant> times = new CopyOnWriteArrayList<>();

        void add(String line) {
            lines.add(line);
            times.add(Instant.now());
        }

        String text() {
            return String.join("\n", lines);
        }

        Instant arrivalOf(String needle) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(needle)) {
                    return times.get(i);
                }
            }
            return null;
        }
    }
}
