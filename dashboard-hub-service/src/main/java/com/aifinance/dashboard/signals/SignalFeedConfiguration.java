package com.aifinance.dashboard.signals;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** The hub consumes {@code aifa.signal} (consumer group dashboard-hub-service) and fans out over Redis pub/sub. */
@Configuration(proxyBeanMethods = false)
class SignalFeedConfiguration {

    @Bean
    EventSubscription signalEvents(SignalFeed feed) {
        return EventSubscription.to(EventStreams.SIGNAL, feed::relay);
    }

    @Bean
    RedisMessageListenerContainer liveSignalListener(RedisConnectionFactory connections, SignalFeed feed) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener((message, pattern) ->
                        feed.deliver(new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8)),
                new ChannelTopic(SignalFeed.CHANNEL));
        return container;
    }
}
