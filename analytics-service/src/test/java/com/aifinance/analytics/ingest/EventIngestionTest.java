package com.aifinance.analytics.ingest;

import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.aifinance.analytics.TestEvents;
import com.aifinance.analytics.partition.MonthlyPartitions;
import com.aifinance.analytics.partition.PartitionMaintenance;
import com.aifinance.analytics.partition.PartitionedTable;
import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventIngestionTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper mapper;

    @Autowired
    MonthlyPartitions partitions;

    @Autowired
    PartitionMaintenance maintenance;

    @Autowired
    BillingEventRecorder billing;

    @Autowired
    SubscriptionEventRecorder subscriptions;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aRedeliveredPaymentIsRecordedOnce() {
        TestEvents events = new TestEvents(redis, jdbc, mapper);
        String paymentId = "ing-" + UUID.randomUUID();
        EventEnvelope payment = events.publish(EventStreams.BILLING, "payment.succeeded", paymentId,
                Instant.parse("2025-05-02T10:00:00Z"), payment(paymentId, "2025-05-02T10:00:00Z"));
        events.publish(EventStreams.BILLING, payment);
        events.awaitHandled();
        assertThat(paymentRows(paymentId)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from event_inbox where event_id = ?").param(payment.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aPaymentRepublishedUnderANewEventIdStillCountsOnce() {
        TestEvents events = new TestEvents(redis, jdbc, mapper);
        String paymentId = "ing-" + UUID.randomUUID();
        events.publish(EventStreams.BILLING, "payment.succeeded", paymentId, Instant.parse("2025-05-03T10:00:00Z"),
                payment(paymentId, "2025-05-03T10:00:00Z"));
        events.publish(EventStreams.BILLING, "payment.succeeded", paymentId, Instant.parse("2025-05-03T10:00:05Z"),
                payment(paymentId, "2025-05-03T10:00:00Z"));
        events.awaitHandled();
        assertThat(paymentRows(paymentId)).isEqualTo(1);
    }

    @Test
    void anEventForAMonthWithoutAPartitionGetsOneOnDemand() {
        assertThat(partitions.existing(PartitionedTable.SUBSCRIPTION_EVENTS)).doesNotContain("subscription_events_p201903");
        TestEvents events = new TestEvents(redis, jdbc, mapper);
        Map<String, Object> data = new HashMap<>();
        data.put("subscriptionId", "ing-old-1");
        data.put("userId", "ing-old-user");
        data.put("status", "canceled"); // cancelled: it must not add MRR to other tests' months
        data.put("tier", "basic");
        data.put("billingInterval", "month");
        data.put("currency", "USD");
        data.put("amountMinor", 9900);
        data.put("occurredAt", "2019-03-15T08:00:00Z");
        events.publish(EventStreams.SUBSCRIPTION, "subscription.canceled", "ing-old-1",
                Instant.parse("2019-03-15T08:00:00Z"), data);
        events.awaitHandled();
        assertThat(partitions.existing(PartitionedTable.SUBSCRIPTION_EVENTS)).contains("subscription_events_p201903");
        assertThat(jdbc.sql("select count(*) from subscription_events_p201903 where subscription_id = 'ing-old-1'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void partitionsAreCreatedAheadForEveryTable() {
        maintenance.createAhead();
        YearMonth now = YearMonth.now();
        for (PartitionedTable table : PartitionedTable.values()) {
            for (int ahead = 0; ahead <= 3; ahead++) {
                YearMonth month = now.plusMonths(ahead);
                assertThat(partitions.existing(table)).contains(
                        table.tableName() + "_p" + month.getYear() + String.format("%02d", month.getMonthValue()));
            }
        }
    }

    @Test
    void aRowDatedWhereNoRealEventCanBeIsRefusedInsteadOfGettingAPartition() {
        assertThatThrownBy(() -> partitions.ensureFor(PartitionedTable.PAYMENTS, Instant.parse("1990-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> partitions.ensureFor(PartitionedTable.PAYMENTS, Instant.parse("2099-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyThatIsNotAnIntegerOfMinorUnitsIsRefusedNotRounded() {
        Map<String, Object> data = payment("ing-bad-1", "2025-05-04T10:00:00Z");
        data.put("amountMinor", 99.5);
        assertThatThrownBy(() -> handle(billing, "payment.succeeded", data)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("amountMinor");
        data.put("amountMinor", -100);
        assertThatThrownBy(() -> handle(billing, "payment.succeeded", data)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("negative");
        assertThat(paymentRows("ing-bad-1")).isZero();
    }

    @Test
    void aSubscriptionEventWithAnUnknownStatusOrNoCustomerIsRefused() {
        Map<String, Object> data = new HashMap<>();
        data.put("subscriptionId", "ing-bad-sub");
        data.put("userId", "ing-bad-user");
        data.put("status", "paused");
        data.put("tier", "basic");
        data.put("billingInterval", "month");
        data.put("currency", "USD");
        data.put("amountMinor", 9900);
        assertThatThrownBy(() -> handle(subscriptions, "subscription.activated", data))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("status");
        data.put("status", "active");
        data.remove("userId");
        assertThatThrownBy(() -> handle(subscriptions, "subscription.activated", data))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("customer");
        data.put("userId", "ing-bad-user");
        data.put("currency", "XQZ");
        assertThatThrownBy(() -> handle(subscriptions, "subscription.activated", data))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("ISO 4217");
    }

    private void handle(com.aifinance.common.events.EventHandler handler, String type, Map<String, Object> data) {
        EventEnvelope event = new EventEnvelope("1.0", UUID.randomUUID().toString(), "/test", type, null,
                Instant.parse("2025-05-04T10:00:00Z"), "application/json", mapper.valueToTree(data), null);
        transactions.executeWithoutResult(status -> {
            try {
                handler.handle(event);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long paymentRows(String paymentId) {
        return jdbc.sql("select count(*) from payments where payment_id = ?").param(paymentId).query(Long.class).single();
    }

    private static Map<String, Object> payment(String paymentId, String paidAt) {
        Map<String, Object> data = new HashMap<>();
        data.put("paymentId", paymentId);
        data.put("provider", "stripe");
        data.put("providerPaymentId", "pi_" + paymentId);
        data.put("userId", "ing-user");
        data.put("subscriptionId", "ing-sub");
        data.put("tier", "pro");
        data.put("amountMinor", 50000);
        data.put("currency", "USD");
        data.put("paidAt", paidAt);
        return data;
    }
}
