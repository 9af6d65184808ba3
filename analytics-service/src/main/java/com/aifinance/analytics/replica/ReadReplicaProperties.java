package com.aifinance.analytics.replica;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where heavy read-only queries go ({@code aifa.analytics.read-replica.*}). A blank URL means the primary database
 * (the local platform has no replica); in production {@code DATABASE_READ_JDBC_URL} names the replica.
 *
 * @param url             JDBC URL of the replica, or blank for the primary's URL
 * @param username        blank for the primary's user
 * @param password        blank for the primary's password (when the user is blank too)
 * @param maximumPoolSize connections to the replica at most
 * @param minimumIdle     idle connections kept open
 */
@ConfigurationProperties("aifa.analytics.read-replica")
record ReadReplicaProperties(
        @DefaultValue("") String url,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("5") int maximumPoolSize,
        @DefaultValue("1") int minimumIdle) {
}
