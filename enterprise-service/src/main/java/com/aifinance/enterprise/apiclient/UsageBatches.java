package com.aifinance.enterprise.apiclient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Usage batches already recorded, by batch id, with what they were answered (V9). */
@Repository
class UsageBatches {

    record Recorded(String contentHash, String results) {
    }

    private final JdbcClient jdbc;

    UsageBatches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code batchId} in the caller's transaction; false when the batch is already recorded. A concurrent claim
     * of the same id waits on the primary key until the other transaction ends, so only one of them counts it.
     */
    boolean claim(UUID batchId, String reportedBy, String contentHash, Instant at) {
        return jdbc.sql("""
                        insert into api_client_usage_batches (batch_id, reported_by, content_hash, received_at)
                        values (?, ?, ?, ?) on conflict (batch_id) do nothing
                        """)
                .params(batchId, reportedBy, contentHash, Timestamp.from(at)).update() == 1;
    }

    Optional<Recorded> find(UUID batchId) {
        return jdbc.sql("select content_hash, results from api_client_usage_batches where batch_id = ?")
                .param(batchId).query((rs, n) -> new Recorded(rs.getString(1), rs.getString(2))).optional();
    }

    void answered(UUID batchId, String results) {
        jdbc.sql("update api_client_usage_batches set results = ? where batch_id = ?").params(results, batchId).update();
    }

    /** Forgets batches received before {@code before}: a sender gives up on a batch long before that. */
    int pruneBefore(Instant before) {
        return jdbc.sql("delete from api_client_usage_batches where received_at < ?").param(Timestamp.from(before))
                .update();
    }
}
