package com.aifinance.queuemonitor.queues;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-minute history of every stream and consumer group ({@code queue_samples}). Entries in per minute are counted
 * from the entry ids (they carry the time Redis added them). Entries out per group are what the group finished
 * since the previous sample: entries newly delivered (between the two last-delivered ids) minus the growth of its
 * pending list. One row per stream, group and minute: several instances sampling the same minute write it once.
 */
@Component
class QueueHistory {

    private static final Logger log = LoggerFactory.getLogger(QueueHistory.class);
    static final String STREAM_ROW = "";

    private final JdbcClient jdbc;
    private final QueueInspector inspector;
    private final QueueRedis redis;
    private final QueuesProperties properties;
    private final Clock clock;

    QueueHistory(JdbcClient jdbc, QueueInspector inspector, QueueRedis redis, QueuesProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.inspector = inspector;
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    @Schema(description = "One minute of a stream (consumerGroup empty) or of a consumer group")
    record Sample(Instant minute, String stream, String consumerGroup, long length,
                  @Schema(description = "Entries added during the minute (stream rows)") Long entriesIn,
                  String lastDeliveredId, Long pending, Long lag,
                  @Schema(description = "Entries the group finished since the previous minute (group rows)") Long entriesOut,
                  Long oldestPendingMs, long deadLetters) {
    }

    /** Samples the minute that just ended, a few seconds after it ended. */
    @Scheduled(cron = "${aifa.queues.sample-cron:5 * * * * *}")
    void sampleLastMinute() {
        try {
            sample(clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1)));
            jdbc.sql("delete from queue_samples where minute < ?")
                    .param(time(clock.instant().minus(properties.historyRetention()))).update();
        } catch (RuntimeException e) {
            log.warn("Sampling the queues failed: {}", e.toString());
        }
    }

    /** Writes the rows of {@code minute} (its start) for every stream and group; rows already written are kept. */
    void sample(Instant minute) {
        for (String stream : properties.streams()) {
            QueueInspector.StreamView view = inspector.stream(stream);
            QueueInspector.Counted in = inspector.countAdded(stream, minute.toEpochMilli(),
                    minute.plus(Duration.ofMinutes(1)).toEpochMilli(), properties.lagScanLimit());
            insert(new Sample(minute, stream, STREAM_ROW, view.length(), in.count(), null, null, null, null, null,
                    view.deadLetters()));
            for (QueueInspector.GroupView group : view.groups()) {
                Long out = previous(stream, group.name(), minute).map(before -> out(stream, before, group)).orElse(null);
                insert(new Sample(minute, stream, group.name(), view.length(), null, group.lastDeliveredId(),
                        group.pending(), group.lag(), out, group.oldestPendingAgeMs(), group.deadLetters()));
            }
        }
    }

    private Long out(String stream, Sample before, QueueInspector.GroupView now) {
        if (before.lastDeliveredId() == null || before.pending() == null) {
            return null;
        }
        StreamId from = StreamId.parse(before.lastDeliveredId());
        StreamId to = StreamId.parse(now.lastDeliveredId());
        if (to.compareTo(from) < 0) {
            return null;   // the group was moved back (XGROUP SETID): no meaningful figure
        }
        QueueInspector.Counted delivered = inspector.countAfter(redis.commands(), stream, from.toString(), to.toString(),
                properties.lagScanLimit());
        return Math.max(0, delivered.count() - (now.pending() - before.pending()));
    }

    private Optional<Sample> previous(String stream, String group, Instant minute) {
        return jdbc.sql("select * from queue_samples where stream = ? and consumer_group = ? and minute = ?")
                .params(stream, group, time(minute.minus(Duration.ofMinutes(1))))
                .query(QueueHistory::sample).optional();
    }

    private void insert(Sample sample) {
        jdbc.sql("""
                        insert into queue_samples (minute, stream, consumer_group, length, entries_in, last_delivered_id,
                            pending, lag, entries_out, oldest_pending_ms, dead_letters)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(time(sample.minute()), sample.stream(), sample.consumerGroup(), sample.length(),
                        sample.entriesIn(), sample.lastDeliveredId(), sample.pending(), sample.lag(), sample.entriesOut(),
                        sample.oldestPendingMs(), sample.deadLetters())
                .update();
    }

    List<Sample> page(String stream, String group, Instant from, Instant to, int page, int size) {
        return jdbc.sql("""
                        select * from queue_samples
                         where stream = ? and consumer_group = ? and minute >= ? and minute < ?
                         order by minute desc limit ? offset ?""")
                .params(stream, group, time(from), time(to), size, (long) page * size)
                .query(QueueHistory::sample).list();
    }

    long count(String stream, String group, Instant from, Instant to) {
        return jdbc.sql("""
                        select count(*) from queue_samples
                         where stream = ? and consumer_group = ? and minute >= ? and minute < ?""")
                .params(stream, group, time(from), time(to))
                .query(Long.class).single();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Sample sample(ResultSet rs, int row) throws SQLException {
        return new Sample(rs.getObject("minute", OffsetDateTime.class).toInstant(), rs.getString("stream"),
                rs.getString("consumer_group"), rs.getLong("length"), nullable(rs, "entries_in"),
                rs.getString("last_delivered_id"), nullable(rs, "pending"), nullable(rs, "lag"),
                nullable(rs, "entries_out"), nullable(rs, "oldest_pending_ms"), rs.getLong("dead_letters"));
    }

    private static Long nullable(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
