package com.aifinance.common.events;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Opens dedicated Lettuce connections on the client Spring Boot configured. Streams need commands Spring Data Redis
 * does not offer (XAUTOCLAIM), and a blocking read must not hold the connection everything else shares.
 */
final class RedisStreamConnections {

    private final LettuceConnectionFactory factory;

    RedisStreamConnections(LettuceConnectionFactory factory) {
        this.factory = factory;
    }

    StatefulRedisConnection<String, String> open(Duration timeout) {
        if (!(factory.getNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("the events backbone needs a standalone Redis (not a cluster client)");
        }
        StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8);
        connection.setTimeout(timeout);
        return connection;
    }
}
