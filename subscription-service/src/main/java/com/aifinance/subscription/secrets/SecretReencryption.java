package com.aifinance.subscription.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.aifinance.subscription.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves every sealed value to the current encryption key: values sealed with {@code AIFA_ENCRYPTION_KEY_PREVIOUS},
 * or stored before values carried a key id, are decrypted and encrypted again with {@code AIFA_ENCRYPTION_KEY}.
 * Runs at start-up while a previous key is configured, and on demand (ops). Each row is replaced only if it still
 * holds the value read (compare and set), so a user enrolling MFA meanwhile, or another instance doing the same work,
 * is never overwritten; running it twice is harmless.
 */
@Component
public class SecretReencryption {

    private static final Logger log = LoggerFactory.getLogger(SecretReencryption.class);
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final List<SealedColumn> columns;
    private final AuditLog audit;
    private final MeterRegistry meters;

    SecretReencryption(JdbcClient jdbc, SecretBox box, List<SealedColumn> columns, AuditLog audit,
                       MeterRegistry meters) {
        this.jdbc = jdbc;
        this.box = box;
        this.columns = columns;
        this.audit = audit;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        if (box.previousKeyId().isEmpty()) {
            return;
        }
        try {
            Map<String, Moved> moved = reencrypt("system");
            log.info("Re-encrypted stored secrets with the current key {}: {}", box.currentKeyId(), moved);
        } catch (DataAccessException e) {
            // both keys still decrypt, so the service works meanwhile; ops repeat it with the re-encrypt endpoint
            log.error("Re-encrypting stored secrets at start-up failed; POST "
                    + "/api/subscriptions/identity/encryption/reencrypt repeats it", e);
        }
    }

    /** Re-encrypts with this service's key; audited as {@code secrets.reencrypted}. */
    public Map<String, Moved> reencrypt(String actor) {
        return reencrypt(box, actor);
    }

    Map<String, Moved> reencrypt(SecretBox with, String actor) {
        Map<String, Moved> report = new LinkedHashMap<>();
        for (SealedColumn column : columns) {
            Moved moved = reencrypt(with, column);
            report.put(column.kind(), moved);
            meters.counter("aifa_identity_secrets_reencrypted_total", "kind", column.kind()).increment(moved.reencrypted());
            if (moved.unreadable() > 0) {
                log.error("{} stored {} cannot be decrypted with the current or the previous encryption key",
                        moved.unreadable(), column.kind());
            }
        }
        audit.record(actor, "secrets.reencrypted", "encryption-key:" + with.currentKeyId(),
                with.previousKeyId().map(id -> Map.of("previousKeyId", id)).orElse(null), report);
        return report;
    }

    /** How many values of each kind are on the current key, and how many still need another. */
    public Map<String, Standing> standing() {
        return standing(box);
    }

    Map<String, Standing> standing(SecretBox with) {
        Map<String, Standing> standing = new LinkedHashMap<>();
        for (SealedColumn column : columns) {
            long total = 0;
            long current = 0;
            Object after = null;
            List<Row> rows;
            do {
                rows = batch(column, after);
                for (Row row : rows) {
                    total++;
                    if (with.isCurrent(row.value())) {
                        current++;
                    }
                    after = row.id();
                }
            } while (rows.size() == BATCH);
            standing.put(column.kind(), new Standing(total, current, total - current));
        }
        return standing;
    }

    private Moved reencrypt(SecretBox with, SealedColumn column) {
        long examined = 0;
        long reencrypted = 0;
        long unreadable = 0;
        Object after = null;
        List<Row> rows;
        do {
            rows = batch(column, after);
            for (Row row : rows) {
                examined++;
                after = row.id();
                Optional<byte[]> fresh;
                try {
                    fresh = with.reencrypt(row.value(), column.contextPrefix() + row.id());
                } catch (IllegalStateException unknownKey) {
                    unreadable++;
                    continue;
                }
                if (fresh.isPresent()) {
                    reencrypted += jdbc.sql("update " + column.table() + " set " + column.valueColumn() + " = :fresh"
                                    + " where " + column.idColumn() + " = :id and " + column.valueColumn() + " = :old")
                            .param("fresh", fresh.get()).param("id", row.id()).param("old", row.value()).update();
                }
            }
        } while (rows.size() == BATCH);
        return new Moved(examined, reencrypted, unreadable);
    }

    private List<Row> batch(SealedColumn column, Object after) {
        String select = "select " + column.idColumn() + ", " + column.valueColumn() + " from " + column.table()
                + " where " + column.valueColumn() + " is not null";
        String order = " order by " + column.idColumn() + " limit " + BATCH;
        JdbcClient.StatementSpec statement = after == null ? jdbc.sql(select + order)
                : jdbc.sql(select + " and " + column.idColumn() + " > :after" + order).param("after", after);
        return statement.query((rs, number) -> new Row(rs.getObject(1), rs.getBytes(2))).list();
    }

    private record Row(Object id, byte[] value) {
    }

    /** What one run did to one kind of value. */
    public record Moved(long examined, long reencrypted, long unreadable) {
    }

    /** Where one kind of value stands: {@code otherKey} still needs the previous key (or has no key id yet). */
    public record Standing(long total, long currentKey, long otherKey) {
    }
}
