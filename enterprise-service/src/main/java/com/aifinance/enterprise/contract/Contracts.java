package com.aifinance.enterprise.contract;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The contracts table. */
@Component
public class Contracts {

    private final JdbcClient jdbc;

    Contracts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The contract in force on {@code day} (the latest started, if a renewal already began). */
    public Optional<Contract> inForce(UUID organisationId, LocalDate day) {
        return jdbc.sql("""
                        select * from contracts where organisation_id = ? and start_date <= ? and end_date >= ?
                        order by start_date desc limit 1""")
                .params(organisationId, Date.valueOf(day), Date.valueOf(day)).query(Contracts::map).optional();
    }

    Optional<Contract> find(UUID id) {
        return jdbc.sql("select * from contracts where id = ?").param(id).query(Contracts::map).optional();
    }

    List<Contract> of(UUID organisationId) {
        return jdbc.sql("select * from contracts where organisation_id = ? order by start_date desc")
                .param(organisationId).query(Contracts::map).list();
    }

    /** Contracts ending within the window, for the sales view and the reminder schedule. */
    List<Contract> endingBetween(LocalDate from, LocalDate to) {
        return jdbc.sql("select * from contracts where end_date between ? and ? order by end_date")
                .params(Date.valueOf(from), Date.valueOf(to)).query(Contracts::map).list();
    }

    /** Contracts whose renewal date is within the window. */
    List<Contract> renewalDueBetween(LocalDate from, LocalDate to) {
        return jdbc.sql("select * from contracts where renewal_date between ? and ? order by renewal_date")
                .params(Date.valueOf(from), Date.valueOf(to)).query(Contracts::map).list();
    }

    /** Ended before {@code day}, not renewed, not yet marked expired. */
    List<Contract> endedUnrenewed(LocalDate day) {
        return jdbc.sql("""
                        select * from contracts c where end_date < ? and expired_at is null
                          and not exists (select 1 from contracts r where r.renews_contract_id = c.id)
                        order by end_date""")
                .param(Date.valueOf(day)).query(Contracts::map).list();
    }

    boolean overlapsAnother(UUID organisationId, LocalDate start, LocalDate end) {
        return jdbc.sql("""
                        select exists (select 1 from contracts
                                       where organisation_id = ? and start_date <= ? and end_date >= ?)""")
                .params(organisationId, Date.valueOf(end), Date.valueOf(start)).query(Boolean.class).single();
    }

    boolean referenceTaken(String reference) {
        return jdbc.sql("select exists (select 1 from contracts where reference = ?)").param(reference)
                .query(Boolean.class).single();
    }

    Optional<Contract> renewalOf(UUID contractId) {
        return jdbc.sql("select * from contracts where renews_contract_id = ?").param(contractId)
                .query(Contracts::map).optional();
    }

    void insert(Contract contract) {
        jdbc.sql("""
                        insert into contracts (id, organisation_id, reference, start_date, end_date, renewal_date,
                            annual_value_minor, currency, request_quota_per_month, seats, invoice_schedule,
                            payment_terms_days, billing_email, bill_to, renews_contract_id, signed_at, signed_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(contract.id(), contract.organisationId(), contract.reference(),
                        Date.valueOf(contract.startDate()), Date.valueOf(contract.endDate()),
                        Date.valueOf(contract.renewalDate()), contract.annualValueMinor(), contract.currency(),
                        contract.requestQuotaPerMonth(), contract.seats(), contract.invoiceSchedule(),
                        contract.paymentTermsDays(), contract.billingEmail(), contract.billTo(),
                        contract.renewsContractId(), Timestamp.from(contract.signedAt()), contract.signedBy())
                .update();
    }

    /** Marks it expired; false if another instance already did. */
    boolean markExpired(UUID id, Instant at) {
        return jdbc.sql("update contracts set expired_at = ? where id = ? and expired_at is null")
                .params(Timestamp.from(at), id).update() == 1;
    }

    /** Records a reminder as sent; false if it already was (by this or another instance). */
    boolean claimReminder(UUID contractId, String kind, int daysBefore, Instant at) {
        return jdbc.sql("""
                        insert into contract_reminders (contract_id, kind, days_before, sent_at) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(contractId, kind, daysBefore, Timestamp.from(at)).update() == 1;
    }

    private static Contract map(ResultSet rs, int row) throws SQLException {
        Timestamp expired = rs.getTimestamp("expired_at");
        return new Contract(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getString("reference"), rs.getDate("start_date").toLocalDate(),
                rs.getDate("end_date").toLocalDate(), rs.getDate("renewal_date").toLocalDate(),
                rs.getLong("annual_value_minor"), rs.getString("currency"), rs.getLong("request_quota_per_month"),
                (Integer) rs.getObject("seats"), rs.getString("invoice_schedule"), rs.getInt("payment_terms_days"),
                rs.getString("billing_email"), rs.getString("bill_to"),
                rs.getObject("renews_contract_id", UUID.class), rs.getTimestamp("signed_at").toInstant(),
                rs.getString("signed_by"), expired == null ? null : expired.toInstant());
    }
}
