package com.aifinance.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * While the connection to Redis is down, commands fail at once instead of queueing until their timeout: the rate
 * limiter then fails open without making each request wait (Lettuce reconnects in the background).
 */
@Component
class RedisClientOptions implements LettuceClientOptionsBuilderCustomizer {

    @Override
    public void customize(ClientOptions.Builder options) {
        options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
