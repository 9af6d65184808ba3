package com.aifinance.billing.invoice;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Issues and finds invoices; every issue happens inside the caller's transaction. */
@Component
public class Invoices {

    private final JdbcClient jdbc;
    private final DocumentNumbers numbers;

    Invoices(JdbcClient jdbc, DocumentNumbers numbers) {
        this.jdbc = jdbc;
        this.numbers = numbers;
    }

    /**
     * What an invoice is for; {@code taxMinor} null = computed from the rate on the subtotal. It is addressed to a
     * user, or to an organisation ({@code userId} null) for contract invoices.
     */
    public record Draft(UUID customerId, String userId, String organisationId, String contractId,
                        UUID subscriptionId, String tier, String provider, String providerInvoiceId, String currency,
                        List<Invoice.Line> lines, int taxRateBasisPoints, Long taxMinor, String taxLabel,
                        String customerTaxId, String billTo, String billingEmail, String paymentInstructions,
                        Instant issuedAt, Instant dueAt) {

        public Draft {
            if (userId == null && organisationId == null) {
                throw new IllegalArgumentException("an invoice is addressed to a user or an organisation");
            }
        }
    }

    /** One line of {@code quantity} × {@code unitAmountMinor}. */
    public static Invoice.Line line(String description, int quantity, long unitAmountMinor) {
        return new Invoice.Line(description, quantity, unitAmountMinor, Math.multiplyExact(quantity, unitAmountMinor));
    }

    /** Tax on {@code subtotal} at {@code basisPoints} (1 % = 100), rounded half up to the minor unit. */
    public static long tax(long subtotalMinor, int basisPoints) {
        return BigInteger.valueOf(subtotalMinor).multiply(BigInteger.valueOf(basisPoints))
                .add(BigInteger.valueOf(5_000)).divide(BigInteger.valueOf(10_000)).longValueExact();
    }

    /** Issues an open invoice (to be paid by transfer). */
    public Invoice issueOpen(Draft draft) {
        return issue(draft, "open", null);
    }

    /**
     * Issues an invoice already paid through a provider, once per provider invoice: a second call for the same
     * provider invoice returns the first.
     */
    public Invoice issuePaid(Draft draft, Instant paidAt) {
        if (draft.providerInvoiceId() != null) {
            Optional<Invoice> existing = findByProviderInvoice(draft.provider(), draft.providerInvoiceId());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        return issue(draft, "paid", paidAt);
    }

    private Invoice issue(Draft draft, String status, Instant paidAt) {
        if (draft.lines().isEmpty()) {
            throw new IllegalArgumentException("an invoice needs at least one line");
        }
        long subtotal = draft.lines().stream().mapToLong(Invoice.Line::amountMinor).reduce(0, Math::addExact);
        long tax = draft.taxMinor() != null ? draft.taxMinor() : tax(subtotal, draft.taxRateBasisPoints());
        UUID id = UUID.randomUUID();
        String number = numbers.next("invoice", draft.currency());
        jdbc.sql("""
                        insert into invoices (id, number, customer_id, user_id, organisation_id, contract_id,
                            subscription_id, tier, provider, provider_invoice_id, status, currency, subtotal_minor,
                            tax_minor, total_minor, tax_rate_basis_points, tax_label, customer_tax_id, bill_to,
                            billing_email, payment_instructions, issued_at, due_at, paid_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, number, draft.customerId(), draft.userId(), draft.organisationId(), draft.contractId(),
                        draft.subscriptionId(), draft.tier(), draft.provider(), draft.providerInvoiceId(), status, draft.currency(),
                        subtotal, tax, Math.addExact(subtotal, tax), draft.taxRateBasisPoints(), draft.taxLabel(),
                        draft.customerTaxId(), draft.billTo(), draft.billingEmail(), draft.paymentInstructions(),
                        at(draft.issuedAt()),
                        at(draft.dueAt()), at(paidAt))
                .update();
        int position = 1;
        for (Invoice.Line line : draft.lines()) {
            jdbc.sql("""
                            insert into invoice_lines (invoice_id, position, description, quantity, unit_amount_minor,
                                amount_minor) values (?, ?, ?, ?, ?, ?)""")
                    .params(id, position++, line.description(), line.quantity(), line.unitAmountMinor(),
                            line.amountMinor())
                    .update();
        }
        return find(id).orElseThrow();
    }

    /** Marks an open invoice paid; false when it was not open (already paid or void). */
    public boolean markPaid(UUID id, String bankReference, Instant paidAt) {
        return jdbc.sql("""
                        update invoices set status = 'paid', bank_reference = ?, paid_at = ?
                        where id = ? and status = 'open'""")
                .params(bankReference, at(paidAt), id).update() == 1;
    }

    public Optional<Invoice> find(UUID id) {
        return jdbc.sql("select * from invoices where id = ?").param(id).query(this::map).optional();
    }

    /** Locks the invoice row for the caller's transaction. */
    public Optional<Invoice> lock(UUID id) {
        return jdbc.sql("select * from invoices where id = ? for update").param(id).query(this::map).optional();
    }

    public Optional<Invoice> findByProviderInvoice(String provider, String providerInvoiceId) {
        return jdbc.sql("select * from invoices where provider = ? and provider_invoice_id = ?")
                .params(provider, providerInvoiceId).query(this::map).optional();
    }

    public List<Invoice> forUser(String userId) {
        return jdbc.sql("select * from invoices where user_id = ? order by issued_at desc").param(userId)
                .query(this::map).list();
    }

    public List<Invoice> forOrganisation(String organisationId) {
        return jdbc.sql("select * from invoices where organisation_id = ? order by issued_at desc")
                .param(organisationId).query(this::map).list();
    }

    /** Bank-transfer invoices issued or paid in the window, and every open one past its due date. */
    public List<Invoice> bankTransfers(Instant from, Instant to) {
        return jdbc.sql("""
                        select * from invoices where provider = 'bank_transfer'
                          and ((issued_at >= :from and issued_at < :to) or (paid_at >= :from and paid_at < :to)
                               or (status = 'open' and due_at < :to))
                        order by issued_at""")
                .param("from", at(from)).param("to", at(to)).query(this::map).list();
    }

    private Invoice map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<Invoice.Line> lines = jdbc.sql("""
                        select description, quantity, unit_amount_minor, amount_minor from invoice_lines
                        where invoice_id = ? order by position""")
                .param(id)
                .query((line, n) -> new Invoice.Line(line.getString(1), line.getInt(2), line.getLong(3), line.getLong(4)))
                .list();
        return new Invoice(id, rs.getString("number"), rs.getObject("customer_id", UUID.class), rs.getString("user_id"),
                rs.getString("organisation_id"), rs.getString("contract_id"),
                rs.getObject("subscription_id", UUID.class), rs.getString("tier"), rs.getString("provider"),
                rs.getString("provider_invoice_id"), rs.getString("status"), rs.getString("currency"),
                rs.getLong("subtotal_minor"), rs.getLong("tax_minor"), rs.getLong("total_minor"),
                rs.getInt("tax_rate_basis_points"), rs.getString("tax_label"), rs.getString("customer_tax_id"),
                rs.getString("bill_to"), rs.getString("billing_email"), rs.getString("payment_instructions"),
                rs.getString("bank_reference"),
                instant(rs.getTimestamp("issued_at")), instant(rs.getTimestamp("due_at")),
                instant(rs.getTimestamp("paid_at")), lines);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
