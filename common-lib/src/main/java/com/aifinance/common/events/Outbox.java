package com.aifinance.common.events;

import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: an event is written in the same database transaction as the state change it describes,
 * and the relay publishes it once that transaction has committed. A rolled-back change publishes nothing.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper mapper;
    private final Clock clock;
    private final String source;
    private final OutboxRelay relay;

    Outbox(JdbcClient jdbc, JsonMapper mapper, Clock clock, String source, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.clock = clock;
        this.source = source;
        this.relay = relay;
    }

    /**
     * Records an event for {@code stream}; must be called inside the transaction that makes the change.
     *
     * @return the envelope that will be published
     */
    public EventEnvelope publish(String stream, String type, String subject, Object data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an event must be recorded inside the transaction of its state change");
        }
        JsonNode payload = mapper.valueToTree(data);
        EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(), source, type,
                subject, clock.instant(), "application/json", payload, null);
        jdbc.sql("insert into event_outbox (event_id, stream, type, subject, envelope) values (?, ?, ?, ?, ?::jsonb)")
                .params(envelope.id(), stream, type, subject, mapper.writeValueAsString(envelope))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return envelope;
    }
}
