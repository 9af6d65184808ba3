package com.aifinance.institutional.marketdata;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Vendor answers (already parsed) kept in Redis for a while, so repeated refreshes do not spend the vendor's quota. */
final class ProviderResponseCache {

    private static final Logger log = LoggerFactory.getLogger(ProviderResponseCache.class);
    private static final TypeReference<List<CachedBar>> BARS = new TypeReference<>() {
    };

    record CachedBar(Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                     BigDecimal volume, String source) {
    }

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;

    ProviderResponseCache(StringRedisTemplate redis, JsonMapper json, Duration ttl) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
    }

    static String key(String provider, Instrument instrument, Instant since) {
        return "aifa:institutional:market-data:" + provider + ":" + instrument.symbol() + ":"
                + instrument.barInterval().code() + ":" + since.getEpochSecond();
    }

    Optional<List<Bar>> get(String key) {
        try {
            String cached = redis.opsForValue().get(key);
            if (cached == null) {
                return Optional.empty();
            }
            return Optional.of(json.readValue(cached, BARS).stream()
                    .map(bar -> new Bar(bar.time(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(),
                            bar.source()))
                    .toList());
        } catch (JacksonException | org.springframework.dao.DataAccessException e) {
            log.warn("Market data cache unreadable for {}: {}", key, e.getMessage());
            return Optional.empty();
        }
    }

    void put(String key, List<Bar> bars) {
        try {
            redis.opsForValue().set(key, json.writeValueAsString(bars.stream()
                    .map(bar -> new CachedBar(bar.time(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(),
                            bar.source()))
                    .toList()), ttl);
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Market data cache not written for {}: {}", key, e.getMessage());
        }
    }
}
