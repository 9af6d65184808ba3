package com.aifinance.common.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the events backbone ({@code aifa.events.*}).
 *
 * <p>The names default from the service (see {@code aifa-defaults.properties}).
 *
 * @param source             the CloudEvents {@code source} of events this service produces
 * @param consumerGroup      the consumer group this service reads streams with
 * @param consumerName       this instance's name within the group
 * @param relayInterval      how often the relay looks for committed events it was not told about
 * @param batchSize          events relayed or read per round trip
 * @param block              how long a read waits for new entries
 * @param claimMinIdle       how long an entry stays pending before another attempt (by any instance) takes it over
 * @param claimInterval      how often pending entries are checked for takeover
 * @param maxDeliveries      attempts before an entry goes to the dead-letter stream
 * @param streamMaxLength    approximate cap on a stream's length
 * @param outboxRetention    how long published outbox rows are kept
 */
@ConfigurationProperties("aifa.events")
public record EventsProperties(
        String source,
        String consumerGroup,
        String consumerName,
        @DefaultValue("1s") Duration relayInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("2s") Duration block,
        @DefaultValue("30s") Duration claimMinIdle,
        @DefaultValue("5s") Duration claimInterval,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue("1000000") long streamMaxLength,
        @DefaultValue("7d") Duration outboxRetention) {
}
