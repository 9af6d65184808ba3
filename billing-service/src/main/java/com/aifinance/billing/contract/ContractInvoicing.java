package com.aifinance.billing.contract;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.aifinance.billing.banktransfer.BankInvoices;
import com.aifinance.billing.invoice.Invoice;
import com.aifinance.billing.invoice.Invoices;
import com.aifinance.common.web.ApiProblem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoices enterprise-service's contracts by bank transfer: one open invoice per instalment, addressed to the
 * organisation, raised on the instalment's invoice date (at once for dates already reached, later by the scheduled
 * run). Each instalment is a row keyed by (contract, invoice date) and is issued at most once, under a row lock, with
 * the invoice keyed {@code contract-<contract>-<date>} as well: however often a contract event is delivered or
 * replayed, it raises no second invoice. {@code contract.expired} cancels the instalments not yet due.
 */
@Component
class ContractInvoicing {

    private static final Logger log = LoggerFactory.getLogger(ContractInvoicing.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final JdbcClient jdbc;
    private final BankInvoices bankInvoices;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicLong dueUnissued = new AtomicLong();

    ContractInvoicing(JdbcClient jdbc, BankInvoices bankInvoices, TransactionTemplate transactions,
                      MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.bankInvoices = bankInvoices;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("billing_contract_instalments_due_unissued", dueUnissued, AtomicLong::get)
                .description("Contract instalments whose invoice date has come but whose invoice is not issued "
                        + "(bank transfer not configured, or issuing failed); refreshed by the scheduled run")
                .register(meters);
    }

    // ---- events (inside the consumer's transaction)

    /**
     * Records a signed or renewed contract and its instalments, and issues those already due. A contract seen before
     * changes nothing, provided it says the same as before.
     */
    void signed(ContractTerms terms) {
        if (!insertContract(terms, null)) {
            requireSameTerms(terms);
            afterCommit(() -> meters.counter("billing_contract_events", "outcome", "duplicate").increment());
        } else {
            insertInstalments(terms, null);
            afterCommit(() -> meters.counter("billing_contract_events", "outcome", "recorded").increment());
        }
        issueDue(terms.contractId(), today());
    }

    /**
     * The contract ended (or was ended early): instalments after the last day it was in force are canceled; those
     * already due are still invoiced, as the service was delivered. An expiry of a contract billing never saw records
     * it as expired, so a late {@code contract.signed} cannot schedule invoices after the end.
     */
    void expired(String contractId, ContractTerms terms, Instant at) {
        LocalDate expiryDay = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Optional<StoredContract> known = find(contractId);
        if (known.isEmpty()) {
            if (terms == null) {
                throw new ContractEventRefused("malformed", "expiry of unknown contract " + contractId
                        + " does not describe it");
            }
            LocalDate lastDay = terms.endDate().isBefore(expiryDay) ? terms.endDate() : expiryDay;
            insertContract(terms, at);
            insertInstalments(terms, lastDay);
        } else {
            LocalDate lastDay = known.get().endDate().isBefore(expiryDay) ? known.get().endDate() : expiryDay;
            jdbc.sql("update billing_contracts set status = 'expired', expired_at = ? where contract_id = ? "
                            + "and status = 'active'")
                    .params(at.atOffset(ZoneOffset.UTC), contractId).update();
            int canceled = jdbc.sql("""
                            update contract_instalments set status = 'canceled', canceled_at = ?,
                                cancel_reason = 'contract expired', canceled_by = 'enterprise-service'
                            where contract_id = ? and status = 'scheduled' and invoice_date > ?""")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), contractId, Date.valueOf(lastDay)).update();
            if (canceled > 0) {
                log.info("Contract {} expired: {} future instalment(s) canceled", contractId, canceled);
                afterCommit(() -> meters.counter("billing_contract_instalments_canceled").increment(canceled));
            }
        }
        afterCommit(() -> meters.counter("billing_contract_events", "outcome", "expired").increment());
        issueDue(contractId, today());
    }

    private boolean insertContract(ContractTerms terms, Instant expiredAt) {
        return jdbc.sql("""
                        insert into billing_contracts (contract_id, organisation_id, organisation_name, reference, tier,
                            currency, term_value_minor, start_date, end_date, payment_terms_days, billing_email, bill_to,
                            renews_contract_id, status, expired_at, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (contract_id) do nothing""")
                .params(terms.contractId(), terms.organisationId(), terms.organisationName(), terms.reference(),
                        terms.tier(), terms.currency(), terms.termValueMinor(), Date.valueOf(terms.startDate()),
                        Date.valueOf(terms.endDate()), terms.paymentTermsDays(), terms.billingEmail(), terms.billTo(),
                        terms.renewsContractId(), expiredAt == null ? "active" : "expired",
                        expiredAt == null ? null : expiredAt.atOffset(ZoneOffset.UTC),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update() == 1;
    }

    /** @param lastDay instalments invoiced after this day are recorded as canceled (null: none) */
    private void insertInstalments(ContractTerms terms, LocalDate lastDay) {
        for (ContractTerms.Instalment instalment : terms.instalments()) {
            boolean canceled = lastDay != null && instalment.invoiceDate().isAfter(lastDay);
            jdbc.sql("""
                            insert into contract_instalments (contract_id, invoice_date, position, period_end,
                                amount_minor, status, canceled_at, cancel_reason, canceled_by)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (contract_id, invoice_date) do nothing""")
                    .params(terms.contractId(), Date.valueOf(instalment.invoiceDate()), instalment.position(),
                            Date.valueOf(instalment.periodEnd()), instalment.amountMinor(),
                            canceled ? "canceled" : "scheduled",
                            canceled ? clock.instant().atOffset(ZoneOffset.UTC) : null,
                            canceled ? "contract expired" : null, canceled ? "enterprise-service" : null)
                    .update();
        }
    }

    /** A contract id is enterprise's: the same id with other money or dates is a fault to look at, not to invoice. */
    private void requireSameTerms(ContractTerms terms) {
        StoredContract stored = find(terms.contractId()).orElseThrow();
        List<ContractTerms.Instalment> instalments = jdbc.sql("""
                        select position, invoice_date, period_end, amount_minor from contract_instalments
                        where contract_id = ? order by invoice_date""")
                .param(terms.contractId())
                .query((rs, n) -> new ContractTerms.Instalment(rs.getInt(1), rs.getDate(2).toLocalDate(),
                        rs.getDate(3).toLocalDate(), rs.getLong(4)))
                .list();
        if (!stored.organisationId().equals(terms.organisationId()) || !stored.currency().equals(terms.currency())
                || stored.termValueMinor() != terms.termValueMinor() || !instalments.equals(terms.instalments())) {
            throw new ContractEventRefused("conflicting_terms", "contract " + terms.contractId() + " was recorded as "
                    + stored.termValueMinor() + " " + stored.currency() + " in " + instalments.size()
                    + " instalment(s) for organisation " + stored.organisationId() + "; the event says "
                    + terms.termValueMinor() + " " + terms.currency() + " in " + terms.instalments().size()
                    + " for " + terms.organisationId());
        }
    }

    /**
     * Ops cancel one scheduled instalment (waived, or invoiced by hand before contract invoicing existed).
     *
     * @return false when the contract has no instalment on that date
     * @throws ApiProblem 409 when the instalment is not scheduled any more
     */
    boolean cancel(String contractId, LocalDate invoiceDate, String reason, String by) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<String> current = jdbc.sql("""
                            select status from contract_instalments where contract_id = ? and invoice_date = ?
                            for update""")
                    .params(contractId, Date.valueOf(invoiceDate)).query(String.class).optional();
            if (current.isEmpty()) {
                return false;
            }
            if (!current.get().equals("scheduled")) {
                throw ApiProblem.conflict("The instalment of " + invoiceDate + " is " + current.get()
                        + "; only a scheduled instalment can be canceled.");
            }
            jdbc.sql("""
                            update contract_instalments set status = 'canceled', canceled_at = ?, cancel_reason = ?,
                                canceled_by = ?
                            where contract_id = ? and invoice_date = ?""")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), reason, by, contractId, Date.valueOf(invoiceDate))
                    .update();
            log.info("Instalment {} of contract {} canceled by {}: {}", invoiceDate, contractId, by, reason);
            afterCommit(() -> meters.counter("billing_contract_instalments_canceled").increment());
            return true;
        }));
    }

    // ---- issuing

    /** The scheduled run: instalments whose invoice date has come (00:05 UTC on the day at the latest, by default). */
    @Scheduled(fixedDelayString = "${aifa.billing.contracts.check-interval:1h}",
            initialDelayString = "${aifa.billing.contracts.initial-delay:1m}")
    void issueDueInstalments() {
        issueDue(today());
    }

    /** Issues every instalment due on or before {@code day}, each in its own transaction; returns how many. */
    int issueDue(LocalDate day) {
        if (!bankInvoices.configured()) {
            long waiting = countDue(day);
            dueUnissued.set(waiting);
            if (waiting > 0) {
                log.warn("{} contract instalment(s) are due but bank transfer is not configured (AIFA_BANK_*): "
                        + "no invoice can promise an account", waiting);
            }
            return 0;
        }
        List<InstalmentKey> due = jdbc.sql("""
                        select contract_id, invoice_date from contract_instalments
                        where status = 'scheduled' and invoice_date <= ? order by invoice_date, contract_id limit 500""")
                .param(Date.valueOf(day))
                .query((rs, n) -> new InstalmentKey(rs.getString(1), rs.getDate(2).toLocalDate())).list();
        int issued = 0;
        for (InstalmentKey key : due) {
            try {
                Boolean done = transactions.execute(status -> issue(key, true));
                issued += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (RuntimeException e) {
                // one bad instalment must not hold back the others; it stays scheduled and is counted below
                log.error("Instalment {} of contract {} could not be invoiced: {}", key.invoiceDate(), key.contractId(),
                        e.toString());
                meters.counter("billing_contract_invoice_failures").increment();
            }
        }
        dueUnissued.set(countDue(day));
        return issued;
    }

    /** Issues the due instalments of one contract, in the caller's transaction. */
    private void issueDue(String contractId, LocalDate day) {
        if (!bankInvoices.configured()) {
            log.warn("Contract {} has instalments to invoice but bank transfer is not configured (AIFA_BANK_*); "
                    + "they wait for the scheduled run", contractId);
            return;
        }
        List<LocalDate> dates = jdbc.sql("""
                        select invoice_date from contract_instalments
                        where contract_id = ? and status = 'scheduled' and invoice_date <= ? order by invoice_date""")
                .params(contractId, Date.valueOf(day)).query(LocalDate.class).list();
        for (LocalDate date : dates) {
            issue(new InstalmentKey(contractId, date), false);
        }
    }

    /** Issues one scheduled instalment under its row lock; false when another run got there first. */
    private boolean issue(InstalmentKey key, boolean skipLocked) {
        Optional<ScheduledInstalment> locked = jdbc.sql("""
                        select i.position, i.period_end, i.amount_minor,
                               (select count(*) from contract_instalments a where a.contract_id = i.contract_id) as total
                        from contract_instalments i
                        where i.contract_id = ? and i.invoice_date = ? and i.status = 'scheduled'
                        for update of i""" + (skipLocked ? " skip locked" : ""))
                .params(key.contractId(), Date.valueOf(key.invoiceDate()))
                .query((rs, n) -> new ScheduledInstalment(rs.getInt(1), rs.getDate(2).toLocalDate(), rs.getLong(3),
                        rs.getInt(4)))
                .optional();
        if (locked.isEmpty()) {
            return false;
        }
        ScheduledInstalment instalment = locked.get();
        StoredContract contract = find(key.contractId()).orElseThrow();
        Invoice invoice = bankInvoices.issue(new BankInvoices.Order(null, contract.organisationId(),
                contract.billingEmail(), contract.contractId(),
                "contract-" + contract.contractId() + "-" + key.invoiceDate(), contract.tier(), contract.currency(),
                List.of(Invoices.line(description(contract, key.invoiceDate(), instalment), 1,
                        instalment.amountMinor())),
                0, null, null, billTo(contract), contract.paymentTermsDays()));
        if (invoice.totalMinor() != instalment.amountMinor() || !invoice.currency().equals(contract.currency())) {
            // the invoice key existed with other money: never mark a wrong invoice as this instalment's
            throw new IllegalStateException("invoice " + invoice.number() + " (" + invoice.totalMinor() + " "
                    + invoice.currency() + ") does not match instalment " + key.invoiceDate() + " of contract "
                    + key.contractId() + " (" + instalment.amountMinor() + " " + contract.currency() + ")");
        }
        jdbc.sql("""
                        update contract_instalments set status = 'issued', invoice_id = ?, issued_at = ?
                        where contract_id = ? and invoice_date = ? and status = 'scheduled'""")
                .params(invoice.id(), invoice.issuedAt().atOffset(ZoneOffset.UTC), key.contractId(),
                        Date.valueOf(key.invoiceDate()))
                .update();
        log.info("Invoice {} issued to organisation {} for instalment {} of {} of contract {}: {} {} minor units",
                invoice.number(), contract.organisationId(), instalment.position(), instalment.total(),
                contract.reference() != null ? contract.reference() : contract.contractId(), invoice.totalMinor(),
                invoice.currency());
        afterCommit(() -> meters.counter("billing_contract_invoices_issued", "currency", invoice.currency(),
                "tier", contract.tier()).increment());
        return true;
    }

    private long countDue(LocalDate day) {
        return jdbc.sql("select count(*) from contract_instalments where status = 'scheduled' and invoice_date <= ?")
                .param(Date.valueOf(day)).query(Long.class).single();
    }

    private static String description(StoredContract contract, LocalDate invoiceDate, ScheduledInstalment instalment) {
        String product = "enterprise".equals(contract.tier()) ? "Enterprise plan" : "Institutional API access";
        return product + ", contract " + (contract.reference() != null ? contract.reference() : contract.contractId())
                + ", " + DAY.format(invoiceDate) + " to " + DAY.format(instalment.periodEnd()) + " (instalment "
                + instalment.position() + " of " + instalment.total() + ")";
    }

    private static String billTo(StoredContract contract) {
        String name = contract.organisationName();
        String address = contract.billTo();
        if (name == null) {
            return address;
        }
        return address == null || address.strip().startsWith(name) ? (address == null ? name : address)
                : name + "\n" + address;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    // ---- reading (ops view)

    Optional<StoredContract> find(String contractId) {
        return jdbc.sql("select * from billing_contracts where contract_id = ?").param(contractId)
                .query(ContractInvoicing::mapContract).optional();
    }

    List<StoredContract> forOrganisation(String organisationId) {
        return jdbc.sql("select * from billing_contracts where organisation_id = ? order by start_date desc")
                .param(organisationId).query(ContractInvoicing::mapContract).list();
    }

    List<StoredContract> recent(int limit) {
        return jdbc.sql("select * from billing_contracts order by recorded_at desc limit ?").param(limit)
                .query(ContractInvoicing::mapContract).list();
    }

    List<InstalmentView> instalments(String contractId) {
        return jdbc.sql("""
                        select i.position, i.invoice_date, i.period_end, i.amount_minor, i.status, i.invoice_id,
                               i.issued_at, i.canceled_at, i.cancel_reason, i.canceled_by, v.number,
                               v.status as invoice_status, v.due_at, v.paid_at
                        from contract_instalments i left join invoices v on v.id = i.invoice_id
                        where i.contract_id = ? order by i.invoice_date""")
                .param(contractId)
                .query((rs, n) -> new InstalmentView(rs.getInt("position"), rs.getDate("invoice_date").toLocalDate(),
                        rs.getDate("period_end").toLocalDate(), rs.getLong("amount_minor"), rs.getString("status"),
                        rs.getObject("invoice_id", UUID.class), rs.getString("number"),
                        rs.getString("invoice_status"), instant(rs, "issued_at"), instant(rs, "canceled_at"),
                        rs.getString("cancel_reason"), rs.getString("canceled_by"), instant(rs, "due_at"),
                        instant(rs, "paid_at")))
                .list();
    }

    private static StoredContract mapContract(ResultSet rs, int row) throws SQLException {
        return new StoredContract(rs.getString("contract_id"), rs.getString("organisation_id"),
                rs.getString("organisation_name"), rs.getString("reference"), rs.getString("tier"),
                rs.getString("currency"), rs.getLong("term_value_minor"), rs.getDate("start_date").toLocalDate(),
                rs.getDate("end_date").toLocalDate(), rs.getInt("payment_terms_days"), rs.getString("billing_email"),
                rs.getString("bill_to"), rs.getString("renews_contract_id"), rs.getString("status"),
                instant(rs, "expired_at"), instant(rs, "recorded_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** A contract as billing recorded it. */
    record StoredContract(String contractId, String organisationId, String organisationName, String reference,
                          String tier, String currency, long termValueMinor, LocalDate startDate, LocalDate endDate,
                          int paymentTermsDays, String billingEmail, String billTo, String renewsContractId,
                          String status, Instant expiredAt, Instant recordedAt) {
    }

    /** An instalment with its invoice, if issued. */
    record InstalmentView(int position, LocalDate invoiceDate, LocalDate periodEnd, long amountMinor, String status,
                          UUID invoiceId, String invoiceNumber, String invoiceStatus, Instant issuedAt,
                          Instant canceledAt, String cancelReason, String canceledBy, Instant dueAt, Instant paidAt) {
    }

    private record InstalmentKey(String contractId, LocalDate invoiceDate) {
    }

    private record ScheduledInstalment(int position, LocalDate periodEnd, long amountMinor, int total) {
    }
}
