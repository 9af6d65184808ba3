package com.aifinance.billing.invoice;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sequential, gap-free numbers per document kind and currency: {@code INV-USD-000042}, {@code CN-INR-000007}. The
 * counter row stays locked until the issuing transaction ends, so concurrent issuers queue and a rollback gives the
 * number back.
 */
@Component
class DocumentNumbers {

    private final JdbcClient jdbc;

    DocumentNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String next(String kind, String currency) {
        long value = jdbc.sql("""
                        insert into document_sequences (kind, currency, last_value) values (?, ?, 1)
                        on conflict (kind, currency) do update set last_value = document_sequences.last_value + 1
                        returning last_value""")
                .params(kind, currency).query(Long.class).single();
        return ("invoice".equals(kind) ? "INV" : "CN") + "-" + currency + "-" + String.format("%06d", value);
    }
}
