package com.aifinance.analytics.replica;

import javax.sql.DataSource;

import com.aifinance.common.testsupport.IntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Locally both pools reach the same database, so the test tells them apart by what each pool's connections are
 * called in PostgreSQL ({@code application_name}) and by the replica's read-only sessions.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadReplicaRoutingTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    @Qualifier("replicaDataSource")
    HikariDataSource replica;

    @Test
    void aReadOnlyTransactionIsServedByTheReplicaPool() {
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        String served = readOnly.execute(status -> applicationName());
        assertThat(served).isEqualTo("analytics-service-replica");
        String readOnlySession = readOnly.execute(status ->
                jdbc.sql("show transaction_read_only").query(String.class).single());
        assertThat(readOnlySession).isEqualTo("on");
    }

    @Test
    void aReadWriteTransactionIsServedByThePrimaryPool() {
        TransactionTemplate readWrite = new TransactionTemplate(transactionManager);
        String served = readWrite.execute(status -> applicationName());
        assertThat(served).isEqualTo("analytics-service");
    }

    @Test
    void statementsOutsideATransactionGoToThePrimary() {
        assertThat(applicationName()).isEqualTo("analytics-service");
    }

    @Test
    void theReplicaRefusesWrites() {
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        assertThatThrownBy(() -> readOnly.executeWithoutResult(status ->
                jdbc.sql("insert into feature_flags (flag, tier, enabled, changed_at) values ('x', 'y', true, now())")
                        .update()))
                .hasMessageContaining("read-only");
    }

    @Test
    void theApplicationUsesTheRoutingDataSourceAndTheReplicaHasItsOwnPool() {
        assertThat(replica.getPoolName()).isEqualTo("analytics-service-replica");
        assertThat(replica.isReadOnly()).isTrue();
        assertThat(dataSource).isNotSameAs(replica);
    }

    private String applicationName() {
        return jdbc.sql("select current_setting('application_name')").query(String.class).single();
    }
}
