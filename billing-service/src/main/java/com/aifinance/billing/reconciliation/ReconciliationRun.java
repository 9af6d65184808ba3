package com.aifinance.billing.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One comparison of the ledger with the providers over a window, and what it found. */
public record ReconciliationRun(UUID id, Instant startedAt, Instant finishedAt, Instant windowFrom, Instant windowTo,
                                String status, String summary, List<Difference> differences) {
}
