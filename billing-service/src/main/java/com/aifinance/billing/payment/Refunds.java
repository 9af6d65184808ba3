package com.aifinance.billing.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.billing.invoice.CreditNote;
import com.aifinance.billing.invoice.CreditNotes;
import com.aifinance.billing.ledger.Ledger;
import com.aifinance.billing.ledger.LedgerEntry;
import com.aifinance.billing.ledger.LedgerEntryType;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refund records. A refund is reserved against its payment before the provider is called (so two refunds can never
 * together exceed the payment), and booked once the provider confirms: ledger entry, credit note, {@code refund.issued}.
 */
@Component
public class Refunds {

    private final JdbcClient jdbc;
    private final Payments payments;
    private final Ledger ledger;
    private final CreditNotes creditNotes;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final Clock clock;

    Refunds(JdbcClient jdbc, Payments payments, Ledger ledger, CreditNotes creditNotes, Outbox outbox,
            MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.ledger = ledger;
        this.creditNotes = creditNotes;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
    }

    /** Reserves a pending refund in the caller's transaction; empty when it would exceed what is left to refund. */
    public Optional<Refund> reserve(Payment payment, long amountMinor, String reason, String requestedBy) {
        if (!payments.reserveRefund(payment.id(), amountMinor)) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into refunds (id, payment_id, amount_minor, currency, reason, status, requested_by,
                            requested_at) values (?, ?, ?, ?, ?, 'pending', ?, ?)""")
                .params(id, payment.id(), amountMinor, payment.currency(), reason, requestedBy,
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return find(id);
    }

    /** The provider accepted the refund but has not finished: remember its id, so its webhook finds the refund. */
    public void accepted(UUID refundId, String providerRefundId) {
        jdbc.sql("update refunds set provider_refund_id = ? where id = ? and provider_refund_id is null")
                .params(providerRefundId, refundId).update();
    }

    /** The provider completed the refund: book it (once). */
    public boolean issued(UUID refundId, String providerRefundId, Instant at) {
        int changed = jdbc.sql("""
                        update refunds set status = 'issued', provider_refund_id = ?, issued_at = ?
                        where id = ? and status = 'pending'""")
                .params(providerRefundId, at.atOffset(ZoneOffset.UTC), refundId).update();
        if (changed == 0) {
            return false;
        }
        book(find(refundId).orElseThrow());
        return true;
    }

    /** The provider refused: the reservation is released. */
    public void failed(UUID refundId, String failure) {
        Refund refund = find(refundId).orElseThrow();
        int changed = jdbc.sql("update refunds set status = 'failed', failure = ? where id = ? and status = 'pending'")
                .params(failure, refundId).update();
        if (changed == 1) {
            payments.releaseRefund(refund.paymentId(), refund.amountMinor());
        }
    }

    /**
     * A refund made outside our API (the provider's dashboard), learnt from a webhook: recorded and booked.
     *
     * @return false when it would exceed what is left of the payment
     */
    boolean recordExternal(Payment payment, String providerRefundId, long amountMinor, String reason, Instant at) {
        Optional<Refund> reserved = reserve(payment, amountMinor, reason, "provider");
        if (reserved.isEmpty()) {
            return false;
        }
        return issued(reserved.get().id(), providerRefundId, at);
    }

    public Optional<Refund> find(UUID id) {
        return jdbc.sql("select * from refunds where id = ?").param(id).query(Refunds::map).optional();
    }

    public Optional<Refund> findByProviderRefund(String providerRefundId) {
        return jdbc.sql("select * from refunds where provider_refund_id = ?").param(providerRefundId)
                .query(Refunds::map).optional();
    }

    public List<Refund> forPayment(UUID paymentId) {
        return jdbc.sql("select * from refunds where payment_id = ? order by requested_at").param(paymentId)
                .query(Refunds::map).list();
    }

    /** Pending refunds older than {@code before}: to be sent to the provider again with the same key. */
    public List<Refund> pendingSince(Instant before) {
        return jdbc.sql("""
                        select * from refunds where status = 'pending' and provider_refund_id is null
                          and requested_at < ? order by requested_at""")
                .param(before.atOffset(ZoneOffset.UTC)).query(Refunds::map).list();
    }

    private void book(Refund refund) {
        Payment payment = payments.find(refund.paymentId()).orElseThrow();
        Instant at = refund.issuedAt();
        ledger.record(LedgerEntry.of(LedgerEntryType.REFUND, payment.customerId().toString(), payment.userId(),
                payment.tier(), payment.id(), refund.amountMinor(), refund.currency(), payment.provider(),
                refund.providerRefundId(), at, refund.reason()));
        CreditNote note = creditNotes.issue(payment.invoiceId(), payment.id(), refund.id().toString(),
                refund.amountMinor(), refund.currency(), refund.reason(), at);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("refundId", refund.id().toString());
        data.put("paymentId", payment.id().toString());
        data.put("provider", payment.provider().code());
        data.put("providerRefundId", refund.providerRefundId());
        data.put("userId", payment.userId());
        data.put("organisationId", payment.organisationId());
        data.put("subscriptionId", payment.subscriptionId() == null ? null : payment.subscriptionId().toString());
        data.put("creditNoteId", note.id().toString());
        data.put("creditNoteNumber", note.number());
        data.put("tier", payment.tier());
        data.put("amountMinor", refund.amountMinor());
        data.put("currency", refund.currency());
        data.put("reason", refund.reason());
        data.put("issuedAt", at);
        outbox.publish(EventStreams.BILLING, "refund.issued", PaymentEvents.subject(payment), data);
        AfterCommit.run(() -> meters.counter("billing_refunds", "currency", refund.currency())
                .increment(refund.amountMinor()));
    }

    private static Refund map(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getObject("id", UUID.class), rs.getObject("payment_id", UUID.class),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("reason"), rs.getString("status"),
                rs.getString("provider_refund_id"), rs.getString("failure"), rs.getString("requested_by"),
                instant(rs.getTimestamp("requested_at")), instant(rs.getTimestamp("issued_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
