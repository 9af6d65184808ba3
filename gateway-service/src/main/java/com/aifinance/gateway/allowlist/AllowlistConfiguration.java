package com.aifinance.gateway.allowlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.aifinance.common.events.EventStreams;
import com.aifinance.gateway.problem.ProblemWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AllowlistProperties.class)
class AllowlistConfiguration {

    @Bean
    AllowlistCache allowlistCache(MeterRegistry meters, Clock clock) {
        AllowlistCache cache = new AllowlistCache();
        Gauge.builder("gateway.allowlist.organisations", cache, AllowlistCache::restrictedOrganisations)
                .description("Organisations whose requests are restricted to their IP allowlist").register(meters);
        Gauge.builder("gateway.allowlist.loaded", cache, held -> held.loaded() ? 1 : 0)
                .description("1 once the allowlists were loaded (from enterprise-service or the Redis copy)")
                .register(meters);
        Gauge.builder("gateway.allowlist.load.age", cache, held -> held.loadedAt() == null ? Double.NaN
                        : Duration.between(held.loadedAt(), clock.instant()).toMillis() / 1000.0)
                .baseUnit("seconds").description("Time since the allowlists in force were loaded in full")
                .register(meters);
        return cache;
    }

    @Bean
    AllowlistFilter allowlistFilter(AllowlistCache cache, ProblemWriter problems, Clock clock, MeterRegistry meters) {
        return new AllowlistFilter(cache, problems, clock, meters);
    }

    @Bean(destroyMethod = "stop")
    AllowlistSync allowlistSync(AllowlistCache cache, AllowlistProperties properties,
                                ObjectProvider<WebClient.Builder> webClients, ReactiveStringRedisTemplate redis,
                                ObjectProvider<JsonMapper> jsonMappers, Clock clock, MeterRegistry meters) {
        return AllowlistSync.of(cache, properties, webClients.getIfAvailable(WebClient::builder).build(), redis,
                EventStreams.ENTERPRISE, jsonMappers.getIfAvailable(JsonMapper::new), clock, meters).start();
    }

    /** In the {@code dependencies} health group, not in readiness: see docs/gateway.md, IP allowlists. */
    @Bean
    HealthIndicator allowlistsHealthIndicator(AllowlistCache cache) {
        return () -> {
            Instant loadedAt = cache.loadedAt();
            if (!cache.loaded()) {
                return Health.down().withDetail("loaded", false).build();
            }
            return Health.up().withDetail("source", cache.source().tag())
                    .withDetail("loadedAt", loadedAt.toString())
                    .withDetail("restrictedOrganisations", cache.restrictedOrganisations()).build();
        };
    }
}
