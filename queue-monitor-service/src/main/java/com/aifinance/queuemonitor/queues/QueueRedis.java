package com.aifinance.queuemonitor.queues;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The monitor's own Lettuce connection: stream introspection (XINFO, XPENDING) and the scripts behind operator
 * actions are commands Spring Data Redis does not offer. Opened on first use, shared (Lettuce is thread-safe).
 */
@Component
class QueueRedis implements DisposableBean {

    private final LettuceConnectionFactory factory;
    private StatefulRedisConnection<String, String> connection;

    QueueRedis(LettuceConnectionFactory factory) {
        this.factory = factory;
    }

    synchronized RedisCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            if (!(factory.getNativeClient() instanceof RedisClient client)) {
                throw new IllegalStateException("the queue monitor needs a standalone Redis");
            }
            connection = client.connect(StringCodec.UTF8);
        }
        return connection.sync();
    }

    @Override
    public synchronized void destroy() {
        if (connection != null) {
            connection.close();
        }
    }
}
