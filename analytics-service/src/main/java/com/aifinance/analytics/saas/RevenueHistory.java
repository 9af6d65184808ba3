package com.aifinance.analytics.saas;

import java.time.Instant;
import java.util.List;

/**
 * Every customer's MRR changes up to {@code asOf}, as loaded for one computation. Currencies and tiers are numbered
 * (indexes into {@link #currencies()} and {@link #tiers()}) so the engine works on primitives.
 */
record RevenueHistory(Instant asOf, List<String> currencies, List<String> tiers, List<Customer> customers) {

    int changeCount() {
        return customers.stream().mapToInt(customer -> customer.changes().length).sum();
    }

    /** One customer (an organisation, or an individual subscriber; {@code customers.customer_key}) and its changes. */
    record Customer(int key, MrrChange[] changes) {
    }
}
