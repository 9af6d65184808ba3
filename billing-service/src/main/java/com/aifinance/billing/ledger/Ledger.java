package com.aifinance.billing.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.aifinance.billing.provider.ProviderName;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The append-only ledger (a database trigger refuses updates and deletes): corrections are new entries. */
@Component
public class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when this movement was already recorded */
    public boolean record(LedgerEntry entry) {
        return jdbc.sql("""
                        insert into ledger_entries (entry_type, customer_id, user_id, tier, payment_id, amount_minor,
                            currency, provider, provider_reference, occurred_at, description)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (provider, provider_reference, entry_type) do nothing""")
                .params(entry.type().code(), entry.customerId(), entry.userId(), entry.tier(), entry.paymentId(),
                        entry.amountMinor(), entry.currency(), entry.provider().code(), entry.providerReference(),
                        entry.occurredAt().atOffset(ZoneOffset.UTC), entry.description())
                .update() == 1;
    }

    public List<LedgerEntry> between(ProviderName provider, Instant from, Instant to) {
        return jdbc.sql("""
                        select * from ledger_entries where (:provider::text is null or provider = :provider)
                          and occurred_at >= :from and occurred_at < :to order by occurred_at, id""")
                .param("provider", provider == null ? null : provider.code())
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("to", to.atOffset(ZoneOffset.UTC))
                .query(Ledger::map).list();
    }

    public List<LedgerEntry> forPayment(UUID paymentId) {
        return jdbc.sql("select * from ledger_entries where payment_id = ? order by id").param(paymentId)
                .query(Ledger::map).list();
    }

    private static LedgerEntry map(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(rs.getLong("id"), LedgerEntryType.fromCode(rs.getString("entry_type")),
                rs.getString("customer_id"), rs.getString("user_id"), rs.getString("tier"),
                rs.getObject("payment_id", UUID.class), rs.getLong("amount_minor"), rs.getString("currency"),
                ProviderName.fromCode(rs.getString("provider")), rs.getString("provider_reference"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("description"));
    }
}
