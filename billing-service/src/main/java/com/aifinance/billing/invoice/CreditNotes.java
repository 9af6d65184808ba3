package com.aifinance.billing.invoice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Credit notes, numbered per currency like invoices; one per refund ({@code refundKey}). */
@Component
public class CreditNotes {

    private final JdbcClient jdbc;
    private final DocumentNumbers numbers;

    CreditNotes(JdbcClient jdbc, DocumentNumbers numbers) {
        this.jdbc = jdbc;
        this.numbers = numbers;
    }

    public CreditNote issue(UUID invoiceId, UUID paymentId, String refundKey, long amountMinor, String currency,
                            String reason, Instant issuedAt) {
        Optional<CreditNote> existing = jdbc.sql("select * from credit_notes where refund_key = ?").param(refundKey)
                .query(CreditNotes::map).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into credit_notes (id, number, invoice_id, payment_id, refund_key, amount_minor, currency,
                            reason, issued_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, numbers.next("credit_note", currency), invoiceId, paymentId, refundKey, amountMinor, currency,
                        reason, issuedAt.atOffset(ZoneOffset.UTC))
                .update();
        return find(id).orElseThrow();
    }

    public Optional<CreditNote> find(UUID id) {
        return jdbc.sql("select * from credit_notes where id = ?").param(id).query(CreditNotes::map).optional();
    }

    public List<CreditNote> forInvoice(UUID invoiceId) {
        return jdbc.sql("select * from credit_notes where invoice_id = ? order by issued_at").param(invoiceId)
                .query(CreditNotes::map).list();
    }

    public List<CreditNote> forPayment(UUID paymentId) {
        return jdbc.sql("select * from credit_notes where payment_id = ? order by issued_at").param(paymentId)
                .query(CreditNotes::map).list();
    }

    private static CreditNote map(ResultSet rs, int row) throws SQLException {
        return new CreditNote(rs.getObject("id", UUID.class), rs.getString("number"),
                rs.getObject("invoice_id", UUID.class), rs.getObject("payment_id", UUID.class),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("reason"),
                rs.getTimestamp("issued_at").toInstant());
    }
}
