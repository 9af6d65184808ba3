package com.aifinance.analytics.replica;

import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Two pools — the primary (writes, event consumers, Flyway) and the read replica (reports) — behind one routing
 * {@link DataSource} that everything else uses. The primary takes the platform's {@code spring.datasource.*}
 * settings; the replica copies the primary's schema and timeouts, has its own URL and size, hands out read-only
 * connections, and names them {@code <service>-replica} in {@code pg_stat_activity}, so a test (and an operator) can
 * see which pool served a query even when both point at the same database.
 */
@Configuration(proxyBeanMethods = false)
class ReadReplicaConfiguration {

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource primaryDataSource(DataSourceProperties properties,
                                       @Value("${spring.application.name}") String applicationName) {
        HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName(applicationName + "-primary");
        pool.addDataSourceProperty("ApplicationName", applicationName);
        return pool;
    }

    @Bean
    HikariDataSource replicaDataSource(@Qualifier("primaryDataSource") HikariDataSource primary,
                                       ReadReplicaProperties replica,
                                       @Value("${spring.application.name}") String applicationName) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(replica.url().isBlank() ? primary.getJdbcUrl() : replica.url());
        boolean ownUser = !replica.username().isBlank();
        pool.setUsername(ownUser ? replica.username() : primary.getUsername());
        pool.setPassword(ownUser ? replica.password() : primary.getPassword());
        pool.setSchema(primary.getSchema());
        pool.setConnectionTimeout(primary.getConnectionTimeout());
        pool.setValidationTimeout(primary.getValidationTimeout());
        pool.setIdleTimeout(primary.getIdleTimeout());
        pool.setMaxLifetime(primary.getMaxLifetime());
        pool.setMaximumPoolSize(replica.maximumPoolSize());
        pool.setMinimumIdle(replica.minimumIdle());
        pool.setReadOnly(true);
        pool.setPoolName(applicationName + "-replica");
        pool.addDataSourceProperty("ApplicationName", applicationName + "-replica");
        return pool;
    }

    @Bean
    @Primary
    DataSource dataSource(@Qualifier("primaryDataSource") DataSource primary,
                          @Qualifier("replicaDataSource") DataSource replica) {
        ReplicaRoutingDataSource routing = new ReplicaRoutingDataSource();
        routing.setTargetDataSources(Map.of(
                ReplicaRoutingDataSource.Route.PRIMARY, primary,
                ReplicaRoutingDataSource.Route.REPLICA, replica));
        routing.setDefaultTargetDataSource(primary);
        routing.afterPropertiesSet();
        return new LazyConnectionDataSourceProxy(routing);
    }
}
