package com.aifinance.monitoring.health;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the poll every {@code aifa.monitoring.health.interval}, and prunes old raw checks daily. With several
 * monitor instances, a short Redis lease lets only one poll per interval (so uptime is not counted twice); when Redis
 * is unreachable each instance polls anyway — double counting is better than not monitoring.
 */
@Component
@ConditionalOnProperty(name = "aifa.monitoring.health.scheduling-enabled", havingValue = "true", matchIfMissing = true)
class HealthSchedule {

    private static final Logger log = LoggerFactory.getLogger(HealthSchedule.class);
    static final String LEASE_KEY = "aifa:monitoring:health-cycle";

    private final HealthPoller poller;
    private final HealthChecks checks;
    private final HealthProperties properties;
    private final StringRedisTemplate redis;
    private final Clock clock;
    private final String instance;

    HealthSchedule(HealthPoller poller, HealthChecks checks, HealthProperties properties, StringRedisTemplate redis,
                   Clock clock, @Value("${aifa.instance-id}") String instance) {
        this.poller = poller;
        this.checks = checks;
        this.properties = properties;
        this.redis = redis;
        this.clock = clock;
        this.instance = instance;
    }

    @Scheduled(initialDelayString = "${aifa.monitoring.health.initial-delay:5s}",
            fixedRateString = "${aifa.monitoring.health.interval:30s}")
    void poll() {
        if (!leaseTaken()) {
            return;
        }
        try {
            poller.runCycle();
        } catch (RuntimeException e) {
            log.error("Health cycle failed: {}", e.toString());
        }
    }

    @Scheduled(cron = "${aifa.monitoring.health.prune-cron:0 41 3 * * *}", zone = "UTC")
    void prune() {
        int deleted = checks.deleteRawBefore(clock.instant().minus(properties.rawRetention()));
        log.info("Deleted {} raw health checks older than {}", deleted, properties.rawRetention());
    }

    private boolean leaseTaken() {
        try {
            Duration lease = properties.interval().minusMillis(500);
            return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(LEASE_KEY, instance, lease));
        } catch (RuntimeException redisDown) {
            return true;
        }
    }
}
