package com.aifinance.analytics.ingest;

import java.time.Instant;
import java.util.Set;

import com.aifinance.analytics.partition.MonthlyPartitions;
import com.aifinance.analytics.partition.PartitionedTable;
import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static com.aifinance.analytics.ingest.SubscriptionEventRecorder.timestamp;

/**
 * Records how signals ended ({@code signal.resolved}). The mode ({@code live}, or {@code backtest} should a
 * producer ever send one) and the simulated flag are kept so reports never mix them.
 */
@Component
class SignalEventRecorder implements EventHandler {

    private static final Set<String> OUTCOMES = Set.of("target_first", "stop_first", "horizon");
    private static final Set<String> MODES = Set.of("live", "backtest");
    private static final Set<String> ASSET_CLASSES = Set.of("stock", "crypto", "forex");

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;

    SignalEventRecorder(JdbcClient jdbc, MonthlyPartitions partitions) {
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    @Override
    public void handle(EventEnvelope event) {
        if (!"signal.resolved".equals(event.type())) {
            return;
        }
        EventData data = new EventData(event);
        Instant resolvedAt = data.instant("resolvedAt");
        String mode = data.optionalText("mode") == null ? "live" : data.oneOf("mode", MODES);
        partitions.ensureFor(PartitionedTable.SIGNAL_OUTCOMES, resolvedAt);
        jdbc.sql("""
                        insert into signal_outcomes (signal_id, mode, resolved_at, event_id, symbol, asset_class, outcome,
                            exit_price, return_pct, model_version, simulated)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(data.text("signalId"), mode, timestamp(resolvedAt), event.id(), data.text("symbol"),
                        data.oneOf("assetClass", ASSET_CLASSES), data.oneOf("outcome", OUTCOMES),
                        data.optionalDecimal("exitPrice"), data.optionalDecimal("returnPct"),
                        data.optionalText("modelVersion"), data.flag("simulated", false))
                .update();
    }
}
