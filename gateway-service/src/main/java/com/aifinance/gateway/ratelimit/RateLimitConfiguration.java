package com.aifinance.gateway.ratelimit;

import java.time.Clock;

import com.aifinance.gateway.problem.ProblemWriter;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    /** The Resilience4j circuit breaker guarding the limiter's Redis calls (resilience4j.circuitbreaker.instances). */
    static final String REDIS_BREAKER = "rate-limiter-redis";

    @Bean
    RateLimitFilter rateLimitFilter(ReactiveStringRedisTemplate redis, RateLimitProperties limits,
                                    CircuitBreakerRegistry breakers, ProblemWriter problems, MeterRegistry meters,
                                    Clock clock) {
        return new RateLimitFilter(new HourlyRateLimiter(redis, limits.window(), clock), limits,
                breakers.circuitBreaker(REDIS_BREAKER), problems, meters, clock);
    }
}
