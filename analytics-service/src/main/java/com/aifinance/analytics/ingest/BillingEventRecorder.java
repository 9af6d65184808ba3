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

/** Records billing-service's money events: payments, refunds and paid invoices (failed payments change no revenue). */
@Component
class BillingEventRecorder implements EventHandler {

    private static final Set<String> PROVIDERS = Set.of("stripe", "razorpay", "bank_transfer");

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;

    BillingEventRecorder(JdbcClient jdbc, MonthlyPartitions partitions) {
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    @Override
    public void handle(EventEnvelope event) {
        switch (event.type()) {
            case "payment.succeeded" -> payment(event, new EventData(event));
            case "refund.issued" -> refund(event, new EventData(event));
            case "invoice.paid" -> invoice(event, new EventData(event));
            default -> {
                // other billing events move no money
            }
        }
    }

    private void payment(EventEnvelope event, EventData data) {
        Instant paidAt = data.instantOrEventTime("paidAt");
        String userId = data.optionalText("userId");
        String organisationId = data.optionalText("organisationId");
        String tier = data.optionalText("tier");
        partitions.ensureFor(PartitionedTable.PAYMENTS, paidAt);
        jdbc.sql("""
                        insert into payments (payment_id, paid_at, event_id, provider, provider_payment_id, customer_id,
                            user_id, organisation_id, subscription_id, invoice_id, tier, amount_minor, currency)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(data.text("paymentId"), timestamp(paidAt), event.id(), data.oneOf("provider", PROVIDERS),
                        data.optionalText("providerPaymentId"), organisationId != null ? organisationId : userId,
                        userId, organisationId, data.optionalText("subscriptionId"), data.optionalText("invoiceId"),
                        tier == null ? null : tier.toLowerCase(), data.minorUnits("amountMinor"),
                        data.currency("currency"))
                .update();
    }

    private void refund(EventEnvelope event, EventData data) {
        Instant issuedAt = data.instantOrEventTime("issuedAt");
        partitions.ensureFor(PartitionedTable.REFUNDS, issuedAt);
        jdbc.sql("""
                        insert into refunds (refund_id, issued_at, event_id, payment_id, user_id, amount_minor, currency,
                            reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(data.text("refundId"), timestamp(issuedAt), event.id(), data.text("paymentId"),
                        data.optionalText("userId"), data.minorUnits("amountMinor"), data.currency("currency"),
                        data.optionalText("reason"))
                .update();
    }

    private void invoice(EventEnvelope event, EventData data) {
        Instant paidAt = data.instantOrEventTime("paidAt");
        String userId = data.optionalText("userId");
        String organisationId = data.optionalText("organisationId");
        partitions.ensureFor(PartitionedTable.INVOICE_PAYMENTS, paidAt);
        jdbc.sql("""
                        insert into invoice_payments (invoice_id, paid_at, event_id, number, customer_id, user_id,
                            organisation_id, contract_id, amount_minor, currency)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(data.text("invoiceId"), timestamp(paidAt), event.id(), data.optionalText("number"),
                        organisationId != null ? organisationId : userId, userId, organisationId,
                        data.optionalText("contractId"), data.minorUnits("amountMinor"), data.currency("currency"))
                .update();
    }
}
