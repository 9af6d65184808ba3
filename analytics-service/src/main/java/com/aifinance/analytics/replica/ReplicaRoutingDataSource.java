package com.aifinance.analytics.replica;

import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the connections of read-only transactions ({@code @Transactional(readOnly = true)}) to the read replica
 * and everything else to the primary. It must sit behind a {@code LazyConnectionDataSourceProxy}: the transaction
 * manager asks for a connection before it marks the transaction read-only, and the proxy defers the choice to the
 * first statement.
 */
final class ReplicaRoutingDataSource extends AbstractRoutingDataSource {

    enum Route { PRIMARY, REPLICA }

    @Override
    protected Object determineCurrentLookupKey() {
        return TransactionSynchronizationManager.isCurrentTransactionReadOnly() ? Route.REPLICA : Route.PRIMARY;
    }
}
