package com.aifinance.subscription.entitlement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.subscription.lifecycle.SubscriptionChanged;
import com.aifinance.subscription.lifecycle.Tiers;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers "what may subject X use", computed from the subject's tier and the flags, cached in Redis. A subscription
 * change drops that user's entry after commit; an organisation's subscription change or any flag change starts a new
 * cache generation (all entries stale at once). When Redis is unreachable the answer is computed without the cache.
 */
@Component
class Entitlements {

    static final String PREFIX = "aifa:subscription:entitlements:";
    private static final String GENERATION = PREFIX + "generation";
    private static final Logger log = LoggerFactory.getLogger(Entitlements.class);

    private final JdbcClient jdbc;
    private final Tiers tiers;
    private final FeatureFlags flags;
    private final StringRedisTemplate redis;
    private final JsonMapper mapper;
    private final MeterRegistry meters;
    private final Duration ttl;
    private final Duration basicDelay;

    Entitlements(JdbcClient jdbc, Tiers tiers, FeatureFlags flags, StringRedisTemplate redis, JsonMapper mapper,
                 MeterRegistry meters, @Value("${aifa.entitlements.cache-ttl:10m}") Duration ttl,
                 @Value("${aifa.signals.basic-delay:15m}") Duration basicDelay) {
        this.jdbc = jdbc;
        this.tiers = tiers;
        this.flags = flags;
        this.redis = redis;
        this.mapper = mapper;
        this.meters = meters;
        this.ttl = ttl;
        this.basicDelay = basicDelay;
    }

    Optional<Entitlement> of(String subject) {
        String key = null;
        try {
            key = PREFIX + generation() + ":" + subject;
            String cached = redis.opsForValue().get(key);
            if (cached != null) {
                meters.counter("aifa_entitlements_cache_total", "outcome", "hit").increment();
                return Optional.of(mapper.readValue(cached, Entitlement.class));
            }
        } catch (RuntimeException redisDown) {
            meters.counter("aifa_entitlements_cache_total", "outcome", "error").increment();
            log.debug("Entitlement cache unavailable: {}", redisDown.toString());
            key = null;
        }
        meters.counter("aifa_entitlements_cache_total", "outcome", "miss").increment();
        Optional<Entitlement> computed = compute(subject);
        if (key != null && computed.isPresent()) {
            try {
                redis.opsForValue().set(key, mapper.writeValueAsString(computed.get()), ttl);
            } catch (RuntimeException redisDown) {
                log.debug("Entitlement not cached: {}", redisDown.toString());
            }
        }
        return computed;
    }

    /** Why a feature is or is not available to a tier, for the feature check's answer. */
    String reason(String tier, String feature) {
        if (Catalog.FLAGS.contains(feature)) {
            if (flags.value(feature, FeatureFlags.GLOBAL).filter(enabled -> !enabled).isPresent()) {
                return "disabled globally by flag";
            }
            Optional<Boolean> override = flags.value(feature, tier);
            if (override.isPresent()) {
                return (override.get() ? "enabled" : "disabled") + " for tier " + tier + " by flag";
            }
        }
        return Catalog.includes(tier, feature) ? "included in tier " + tier : "not included in tier " + tier;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void subscriptionChanged(SubscriptionChanged changed) {
        forget(() -> {
            if (changed.organisationId() != null) {
                redis.opsForValue().increment(GENERATION);
            } else if (changed.userId() != null) {
                redis.delete(PREFIX + generation() + ":" + changed.userId());
            }
        });
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void flagsChanged(FeatureFlags.FlagsChanged changed) {
        forget(() -> redis.opsForValue().increment(GENERATION));
    }

    private void forget(Runnable invalidation) {
        try {
            invalidation.run();
        } catch (RuntimeException redisDown) {
            // entries expire after the TTL anyway; say so loudly, it is a window of stale answers
            log.warn("Could not invalidate cached entitlements (they expire within {}): {}", ttl, redisDown.toString());
        }
    }

    private String generation() {
        String value = redis.opsForValue().get(GENERATION);
        return value == null ? "0" : value;
    }

    private Optional<Entitlement> compute(String subject) {
        Optional<Subject> found = user(subject).or(() -> institutionalClient(subject));
        return found.map(this::entitlementOf);
    }

    private Entitlement entitlementOf(Subject subject) {
        Map<String, Boolean> features = new LinkedHashMap<>();
        Map<String, Map<String, Boolean>> flagRows = flags.all();
        for (String feature : Catalog.FEATURES) {
            boolean enabled = Catalog.includes(subject.tier(), feature);
            Map<String, Boolean> rows = flagRows.get(feature);
            if (rows != null) {
                enabled = rows.getOrDefault(subject.tier(), enabled) && rows.getOrDefault(FeatureFlags.GLOBAL, true);
            }
            features.put(feature, enabled);
        }
        List<String> assetClasses = new ArrayList<>();
        if (features.get("stock_signals")) {
            assetClasses.add("stocks");
        }
        if (features.get("crypto_signals")) {
            assetClasses.add("crypto");
        }
        if (features.get("forex_signals")) {
            assetClasses.add("forex");
        }
        Long perHour = "institutional".equals(subject.tier()) ? subject.contractQuota()
                : Catalog.requestsPerHour(subject.tier());
        String quotaScope = switch (subject.tier()) {
            case "institutional" -> "contract";
            case "enterprise" -> subject.organisationId() != null ? "organisation" : "subject";
            default -> "subject";
        };
        return new Entitlement(subject.id(), subject.tier(), subject.organisationId(), features, assetClasses,
                Catalog.signalDelay(subject.tier(), basicDelay).toString(), perHour, quotaScope,
                Catalog.mfa(subject.tier()));
    }

    private Optional<Subject> user(String subject) {
        UUID id;
        try {
            id = UUID.fromString(subject);
        } catch (IllegalArgumentException notAUser) {
            return Optional.empty();
        }
        return jdbc.sql("select organisation_id from users where id = ?").param(id)
                .query((rs, row) -> Optional.ofNullable(rs.getObject(1, UUID.class))).optional()
                .map(organisation -> new Subject(subject, tiers.currentTier(id, organisation.orElse(null)),
                        organisation.map(UUID::toString).orElse(null), null));
    }

    private Optional<Subject> institutionalClient(String subject) {
        return jdbc.sql("""
                        select organisation_id, quota_per_hour from institutional_clients
                        where client_id = ? and revoked_at is null""")
                .param(subject)
                .query((rs, row) -> new Subject(subject, "institutional", rs.getObject(1, UUID.class).toString(),
                        rs.getObject(2) == null ? null : rs.getLong(2)))
                .optional();
    }

    private record Subject(String id, String tier, String organisationId, Long contractQuota) {
    }
}
