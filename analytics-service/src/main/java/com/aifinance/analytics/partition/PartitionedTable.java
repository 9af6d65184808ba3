package com.aifinance.analytics.partition;

/** The tables that grow with time, partitioned by month of the named column (see V2 migration). */
public enum PartitionedTable {
    SUBSCRIPTION_EVENTS("subscription_events"),
    MRR_FACTS("mrr_facts"),
    PAYMENTS("payments"),
    REFUNDS("refunds"),
    INVOICE_PAYMENTS("invoice_payments"),
    CONTRACT_EVENTS("contract_events"),
    SIGNAL_OUTCOMES("signal_outcomes");

    private final String tableName;

    PartitionedTable(String tableName) {
        this.tableName = tableName;
    }

    public String tableName() {
        return tableName;
    }
}
