package com.aifinance.queuemonitor.notification;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import com.aifinance.queuemonitor.notification.provider.ChannelSender;
import com.aifinance.queuemonitor.notification.provider.ChannelSettings;
import com.aifinance.queuemonitor.notification.provider.ProviderClients;
import com.aifinance.queuemonitor.notification.provider.SendGridProperties;
import com.aifinance.queuemonitor.notification.provider.SendGridSender;
import com.aifinance.queuemonitor.notification.provider.SlackProperties;
import com.aifinance.queuemonitor.notification.provider.SlackSender;
import com.aifinance.queuemonitor.notification.provider.TelegramProperties;
import com.aifinance.queuemonitor.notification.provider.TelegramSender;
import com.aifinance.queuemonitor.notification.provider.TwilioProperties;
import com.aifinance.queuemonitor.notification.provider.TwilioSender;
import com.aifinance.queuemonitor.notification.provider.WhatsAppProperties;
import com.aifinance.queuemonitor.notification.provider.WhatsAppSender;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

/** Wires the providers, one dispatcher per channel, and the subscription to {@code aifa.notify}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotifyProperties.class, TelegramProperties.class, WhatsAppProperties.class,
        SendGridProperties.class, TwilioProperties.class, SlackProperties.class})
class NotificationConfiguration {

    @Bean
    EventSubscription notificationRequests(NotificationRequestHandler handler) {
        return EventSubscription.to(EventStreams.NOTIFY, handler);
    }

    @Bean
    MessageRenderer messageRenderer() {
        return new MessageRenderer();
    }

    @Bean
    ProviderClients providerClients(NotifyProperties properties, JsonMapper json, Clock clock) {
        return new ProviderClients(properties.connectTimeout(), properties.requestTimeout(), json, clock);
    }

    @Bean
    RateLimiterConnection rateLimiterConnection(LettuceConnectionFactory redis) {
        return new RateLimiterConnection(redis);
    }

    @Bean
    DeliveryDispatchers deliveryDispatchers(NotifyProperties properties, ProviderClients clients,
                                            TelegramProperties telegram, WhatsAppProperties whatsapp,
                                            SendGridProperties sendgrid, TwilioProperties twilio, SlackProperties slack,
                                            DeliveryQueue queue, MessageRenderer renderer, NotificationMetrics metrics,
                                            RateLimiterConnection redis, JsonMapper json, Clock clock,
                                            @Value("${aifa.events.consumer-name}") String worker) {
        RetryPolicy policy = new RetryPolicy(properties.maxAttempts(), properties.initialBackoff(), properties.maxBackoff());
        ChannelRateLimiter limiter = new ChannelRateLimiter(redis);
        record Pair(ChannelSender sender, ChannelSettings settings) {
        }
        List<Pair> channels = List.of(
                new Pair(new SendGridSender(sendgrid, clients), sendgrid),
                new Pair(new TwilioSender(twilio, clients), twilio),
                new Pair(new TelegramSender(telegram, clients), telegram),
                new Pair(new WhatsAppSender(whatsapp, clients), whatsapp),
                new Pair(new SlackSender(slack, clients), slack));
        return new DeliveryDispatchers(channels.stream()
                .map(pair -> new DeliveryDispatcher(pair.sender(), pair.settings(), queue, renderer, policy, limiter,
                        metrics, properties, clock, json, worker))
                .toList(), queue, clock);
    }

    /** A dedicated Lettuce connection for the rate limiter's scripts, opened on first use. */
    static final class RateLimiterConnection implements Supplier<RedisCommands<String, String>>, DisposableBean {

        private final LettuceConnectionFactory factory;
        private StatefulRedisConnection<String, String> connection;

        RateLimiterConnection(LettuceConnectionFactory factory) {
            this.factory = factory;
        }

        @Override
        public synchronized RedisCommands<String, String> get() {
            if (connection == null || !connection.isOpen()) {
                if (!(factory.getNativeClient() instanceof RedisClient client)) {
                    throw new IllegalStateException("a standalone Redis is needed");
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
}
