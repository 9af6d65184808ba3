package com.aifinance.analytics.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import com.aifinance.analytics.partition.MonthlyPartitions;
import com.aifinance.analytics.partition.PartitionedTable;
import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static com.aifinance.analytics.ingest.SubscriptionEventRecorder.timestamp;

/** Records enterprise-service's institutional contracts, which count in MRR as their annual value ÷ 12. */
@Component
class EnterpriseEventRecorder implements EventHandler {

    static final Set<String> CONTRACT_TYPES = Set.of("contract.signed", "contract.renewed", "contract.expired");

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;
    private final RevenueKeys keys;

    EnterpriseEventRecorder(JdbcClient jdbc, MonthlyPartitions partitions, RevenueKeys keys) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.keys = keys;
    }

    @Override
    public void handle(EventEnvelope event) {
        if (!CONTRACT_TYPES.contains(event.type())) {
            return; // organisations, members, allowlists and SSO change no revenue
        }
        EventData data = new EventData(event);
        LocalDate start = data.date("startDate");
        LocalDate end = data.date("endDate");
        if (end.isBefore(start)) {
            throw new MalformedEventException(event, "endDate " + end + " is before startDate " + start);
        }
        String contractId = data.text("contractId");
        String organisationId = data.text("organisationId");
        Instant occurredAt = event.time();
        partitions.ensureFor(PartitionedTable.CONTRACT_EVENTS, occurredAt);
        jdbc.sql("""
                        insert into contract_events (event_id, occurred_at, event_type, contract_id, organisation_id,
                            annual_value_minor, currency, start_date, end_date, request_quota_per_month, customer_key,
                            stream_key)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(event.id(), timestamp(occurredAt), event.type(), contractId, organisationId,
                        data.minorUnits("annualValueMinor"), data.currency("currency"), start, end,
                        data.optionalLong("requestQuotaPerMonth"), keys.customer(organisationId),
                        keys.contract(contractId))
                .update();
    }
}
