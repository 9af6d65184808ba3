package com.aifinance.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;

import com.aifinance.gateway.problem.ProblemWriter;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    /** The Resilience4j circuit breaker guarding the limiter's Redis calls (resilience4j.circuitbreaker.instances). */
    static final String REDIS_BREAKER = "rate-limiter-redis";

    @Bean(destroyMethod = "dispose")
    Disposable contractQuotas(ReactiveStringRedisTemplate redis, ObjectProvider<JsonMapper> json,
                              @Value("${aifa.events.consumer-group}") String group,
                              @Value("${aifa.events.consumer-name}") String consumer,
                              @Value("${aifa.gateway.rate-limits.contract-quota-poll-interval:5s}") Duration interval) {
        return new ContractQuotas(redis, json.getIfAvailable(JsonMapper::new), group, consumer, interval).start();
    }

    @Bean
    RateLimitFilter rateLimitFilter(ReactiveStringRedisTemplate redis, RateLimitProperties limits,
                                    CircuitBreakerRegistry breakers, ProblemWriter problems, MeterRegistry meters,
                                    Clock clock) {
        return new RateLimitFilter(new HourlyRateLimiter(redis, limits.window(), clock), limits,
                breakers.circuitBreaker(REDIS_BREAKER), problems, meters, clock);
    }
}
