package com.aifinance.common.events;

import java.time.Clock;

import javax.sql.DataSource;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The events backbone for services that have a database and Redis: outbox, relay and consumer-group workers. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({JdbcClient.class, RedisClient.class, LettuceConnectionFactory.class, MeterRegistry.class})
@ConditionalOnBean({DataSource.class, LettuceConnectionFactory.class, PlatformTransactionManager.class})
@ConditionalOnProperty(prefix = "aifa.events", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
                            LettuceConnectionFactory redis, EventsProperties properties,
                            ObjectProvider<MeterRegistry> meters) {
        return new OutboxRelay(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager),
                new RedisStreamConnections(redis), properties, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    Outbox outbox(DataSource dataSource, ObjectProvider<JsonMapper> mapper, ObjectProvider<Clock> clock,
                  EventsProperties properties, OutboxRelay relay) {
        return new Outbox(JdbcClient.create(dataSource), mapper.getIfAvailable(JsonMapper::new),
                clock.getIfAvailable(Clock::systemUTC), properties.source(), relay);
    }

    @Bean
    StreamConsumers streamConsumers(ObjectProvider<EventSubscription> subscriptions, DataSource dataSource,
                                    PlatformTransactionManager transactionManager, LettuceConnectionFactory redis,
                                    ObjectProvider<JsonMapper> mapper, EventsProperties properties,
                                    ObjectProvider<MeterRegistry> meters) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        RedisStreamConnections connections = new RedisStreamConnections(redis);
        JsonMapper json = mapper.getIfAvailable(JsonMapper::new);
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        return new StreamConsumers(subscriptions.orderedStream()
                .map(subscription -> new StreamWorker(subscription, properties, jdbc, transactions,
                        connections, json, registry))
                .toList());
    }
}
