package com.aifinance.billing.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.aifinance.billing.invoice.Invoice;
import com.aifinance.billing.invoice.Invoices;
import com.aifinance.billing.ledger.Ledger;
import com.aifinance.billing.ledger.LedgerEntry;
import com.aifinance.billing.ledger.LedgerEntryType;
import com.aifinance.billing.provider.PaymentProvider;
import com.aifinance.billing.provider.PaymentProviders;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.webhook.WebhookInbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Compares the ledger with what each configured provider lists (payments, refunds and, for Stripe, events) over a
 * window, and records every difference for ops. It never changes the ledger: a difference is fixed by replaying the
 * missed event or by an adjustment, with its reason.
 */
@Component
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final PaymentProviders providers;
    private final Ledger ledger;
    private final WebhookInbox inbox;
    private final Invoices invoices;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ReconciliationProperties properties;
    private final Map<ProviderName, AtomicLong> lastDifferences = new EnumMap<>(ProviderName.class);

    Reconciliation(PaymentProviders providers, Ledger ledger, WebhookInbox inbox, Invoices invoices, JdbcClient jdbc,
                   Clock clock, ReconciliationProperties properties, MeterRegistry meters) {
        this.providers = providers;
        this.ledger = ledger;
        this.inbox = inbox;
        this.invoices = invoices;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        for (ProviderName name : ProviderName.values()) {
            AtomicLong value = new AtomicLong();
            lastDifferences.put(name, value);
            Gauge.builder("billing_reconciliation_differences", value, AtomicLong::get)
                    .description("Differences found by the last reconciliation run").tag("provider", name.code())
                    .register(meters);
        }
    }

    /** The scheduled comparison: the configured window, ending a little before now. */
    public ReconciliationRun runScheduled() {
        Instant to = clock.instant().minus(properties.settle());
        return run(to.minus(properties.window()), to);
    }

    public ReconciliationRun run(Instant from, Instant to) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into reconciliation_runs (id, started_at, window_from, window_to, status)
                        values (?, ?, ?, ?, 'running')""")
                .params(id, clock.instant().atOffset(ZoneOffset.UTC), from.atOffset(ZoneOffset.UTC),
                        to.atOffset(ZoneOffset.UTC))
                .update();
        List<Difference> differences = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PaymentProvider provider : providers.all()) {
            if (!provider.configured()) {
                notes.add(provider.name().code() + ": not configured, skipped");
                continue;
            }
            try {
                List<Difference> found = compare(provider, from, to);
                differences.addAll(found);
                lastDifferences.get(provider.name()).set(found.size());
                notes.add(provider.name().code() + ": " + found.size() + " difference(s)");
            } catch (RuntimeException e) {
                notes.add(provider.name().code() + ": failed (" + e.getMessage() + ")");
                log.error("Reconciliation of {} failed", provider.name().code(), e);
            }
        }
        for (Difference difference : differences) {
            jdbc.sql("""
                            insert into reconciliation_differences (run_id, provider, kind, reference,
                                ledger_amount_minor, provider_amount_minor, currency, detail)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, difference.provider(), difference.kind(), difference.reference(),
                            difference.ledgerAmountMinor(), difference.providerAmountMinor(), difference.currency(),
                            difference.detail())
                    .update();
            log.warn("Reconciliation difference: {} {} {} — {}", difference.provider(), difference.kind(),
                    difference.reference(), difference.detail());
        }
        boolean failed = notes.stream().anyMatch(note -> note.contains("failed ("));
        jdbc.sql("update reconciliation_runs set finished_at = ?, status = ?, summary = ? where id = ?")
                .params(clock.instant().atOffset(ZoneOffset.UTC), failed ? "failed" : "completed",
                        String.join("; ", notes), id)
                .update();
        return find(id).orElseThrow();
    }

    private List<Difference> compare(PaymentProvider provider, Instant from, Instant to) {
        String name = provider.name().code();
        PaymentProvider.ProviderActivity activity = provider.activity(from, to);
        List<LedgerEntry> entries = ledger.between(provider.name(), from, to);
        List<Difference> differences = new ArrayList<>();
        differences.addAll(movements(name, "charge", activity.payments(), entries.stream()
                .filter(entry -> entry.type() == LedgerEntryType.CHARGE).toList()));
        differences.addAll(movements(name, "refund", activity.refunds(), entries.stream()
                .filter(entry -> entry.type() == LedgerEntryType.REFUND).toList()));
        if (activity.eventsListed()) {
            Set<String> missing = inbox.missing(provider.name(), activity.eventIds());
            missing.stream().sorted().forEach(eventId -> differences.add(new Difference(name, "event_not_received",
                    eventId, null, null, null, "the provider sent event " + eventId + " but it never reached us; "
                    + "resend it from the provider's dashboard")));
        }
        if (provider.name() == ProviderName.BANK_TRANSFER) {
            for (Invoice invoice : invoices.bankTransfers(from, to)) {
                if ("open".equals(invoice.status()) && invoice.dueAt() != null && invoice.dueAt().isBefore(to)) {
                    differences.add(new Difference(name, "invoice_overdue", invoice.number(), null,
                            invoice.totalMinor(), invoice.currency(), "invoice " + invoice.number() + " was due "
                            + invoice.dueAt() + " and is not paid"));
                }
            }
        }
        return differences;
    }

    private static List<Difference> movements(String provider, String what,
                                              List<PaymentProvider.ProviderMovement> listed, List<LedgerEntry> booked) {
        Map<String, LedgerEntry> ledgerByReference = new HashMap<>();
        booked.forEach(entry -> ledgerByReference.put(entry.providerReference(), entry));
        List<Difference> differences = new ArrayList<>();
        for (PaymentProvider.ProviderMovement movement : listed) {
            LedgerEntry entry = ledgerByReference.remove(movement.reference());
            if (entry == null) {
                differences.add(new Difference(provider, "missing_in_ledger", movement.reference(), null,
                        movement.amountMinor(), movement.currency(), what + " " + movement.reference()
                        + " at the provider is not in the ledger"));
            } else if (!entry.currency().equals(movement.currency())) {
                differences.add(new Difference(provider, "currency_mismatch", movement.reference(),
                        entry.amountMinor(), movement.amountMinor(), movement.currency(), what + " booked in "
                        + entry.currency() + ", listed by the provider in " + movement.currency()));
            } else if (entry.amountMinor() != movement.amountMinor()) {
                differences.add(new Difference(provider, "amount_mismatch", movement.reference(), entry.amountMinor(),
                        movement.amountMinor(), movement.currency(), what + " booked as " + entry.amountMinor()
                        + ", listed by the provider as " + movement.amountMinor()));
            }
        }
        ledgerByReference.values().forEach(entry -> differences.add(new Difference(provider, "missing_at_provider",
                entry.providerReference(), entry.amountMinor(), null, entry.currency(), what + " "
                + entry.providerReference() + " is in the ledger but the provider does not list it")));
        return differences;
    }

    public List<ReconciliationRun> recent(int limit) {
        return jdbc.sql("select * from reconciliation_runs order by started_at desc limit ?").param(limit)
                .query((rs, row) -> run(rs, List.of())).list();
    }

    public Optional<ReconciliationRun> find(UUID id) {
        List<Difference> differences = jdbc.sql("""
                        select provider, kind, reference, ledger_amount_minor, provider_amount_minor, currency, detail
                        from reconciliation_differences where run_id = ? order by id""")
                .param(id)
                .query((rs, row) -> new Difference(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getString(6), rs.getString(7)))
                .list();
        return jdbc.sql("select * from reconciliation_runs where id = ?").param(id)
                .query((rs, row) -> run(rs, differences)).optional();
    }

    private static ReconciliationRun run(ResultSet rs, List<Difference> differences) throws SQLException {
        return new ReconciliationRun(rs.getObject("id", UUID.class), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")), instant(rs.getTimestamp("window_from")),
                instant(rs.getTimestamp("window_to")), rs.getString("status"), rs.getString("summary"), differences);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
