package com.aifinance.common.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to their Redis streams and marks them published in the same transaction that locked
 * them. A crash between publishing and committing publishes the rows again; consumers' inboxes make that harmless.
 * While Redis is unreachable the rows wait in the outbox.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RedisStreamConnections connections;
    private final EventsProperties properties;
    private final Counter relayed;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private StatefulRedisConnection<String, String> connection;
    private Instant nextCleanup = Instant.EPOCH;
    private Instant quietUntil = Instant.EPOCH;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, RedisStreamConnections connections,
                EventsProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.connections = connections;
        this.properties = properties;
        this.relayed = Counter.builder("aifa.events.relayed").description("Outbox events published to Redis")
                .register(meters);
        meters.gauge("aifa.events.outbox.pending", this, relay -> relay.pendingCount());
    }

    /** Asks the relay to look for new rows now rather than at its next interval. */
    void wakeUp() {
        wakeUps.release();
    }

    /**
     * Publishes one batch of committed, unpublished rows.
     *
     * @return how many rows were published
     */
    public int publishPending() {
        Integer published = transactions.execute(status -> {
            List<PendingEvent> batch = jdbc.sql("""
                            select id, stream, envelope::text as envelope from event_outbox
                            where published_at is null order by id limit ? for update skip locked""")
                    .param(properties.batchSize())
                    .query((rs, row) -> new PendingEvent(rs.getLong("id"), rs.getString("stream"), rs.getString("envelope")))
                    .list();
            if (batch.isEmpty()) {
                return 0;
            }
            var commands = connection().sync();
            XAddArgs trim = XAddArgs.Builder.maxlen(properties.streamMaxLength()).approximateTrimming();
            for (PendingEvent event : batch) {
                commands.xadd(event.stream(), trim, Map.of("event", event.envelope()));
            }
            jdbc.sql("update event_outbox set published_at = now() where id = any(?)")
                    .param(batch.stream().map(PendingEvent::id).toArray(Long[]::new))
                    .update();
            return batch.size();
        });
        int count = published == null ? 0 : published;
        relayed.increment(count);
        return count;
    }

    long pendingCount() {
        if (!running) {
            return 0;
        }
        try {
            return jdbc.sql("select count(*) from event_outbox where published_at is null").query(Long.class).single();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private synchronized StatefulRedisConnection<String, String> connection() {
        if (connection == null || !connection.isOpen()) {
            connection = connections.open(Duration.ofSeconds(5));
        }
        return connection;
    }

    private void loop() {
        while (running) {
            try {
                int published = publishPending();
                removeOldPublishedRows();
                if (published < properties.batchSize()) {
                    wakeUps.tryAcquire(properties.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(quietUntil)) {
                    log.warn("Outbox relay could not publish; events stay in the outbox and are retried: {}", e.toString());
                    quietUntil = Instant.now().plusSeconds(30);
                }
                pause(properties.relayInterval());
            }
        }
    }

    private void removeOldPublishedRows() {
        if (Instant.now().isBefore(nextCleanup)) {
            return;
        }
        jdbc.sql("delete from event_outbox where published_at < now() - make_interval(secs => ?)")
                .param(properties.outboxRetention().toSeconds())
                .update();
        nextCleanup = Instant.now().plus(Duration.ofHours(1));
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private record PendingEvent(long id, String stream, String envelope) {
    }
}
