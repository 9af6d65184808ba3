package com.aifinance.gateway.allowlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the {@link AllowlistCache} current, in the background:
 * <ul>
 *   <li>a full load from enterprise-service at start, retried (1 s doubling to 30 s) until it succeeds, then again
 *       every {@code fullReloadInterval} as a safety net for anything the event reader missed;</li>
 *   <li>{@code allowlist.changed} read every {@code pollInterval} from the stream position taken just before the load
 *       was requested, so no change between that position and the load is lost;</li>
 *   <li>while no load from enterprise-service has succeeded, the last load any replica saved in Redis.</li>
 * </ul>
 */
final class AllowlistSync {

    private static final Logger log = LoggerFactory.getLogger(AllowlistSync.class);
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);

    private final AllowlistCache cache;
    private final EnterpriseAllowlists enterprise;
    private final AllowlistEvents events;
    private final AllowlistCopy copy;
    private final AllowlistProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicReference<Instant> lastFailureLogged = new AtomicReference<>();
    private final Disposable.Composite running = Disposables.composite();

    AllowlistSync(AllowlistCache cache, EnterpriseAllowlists enterprise, AllowlistEvents events, AllowlistCopy copy,
                  AllowlistProperties properties, Clock clock, MeterRegistry meters) {
        this.cache = cache;
        this.enterprise = enterprise;
        this.events = events;
        this.copy = copy;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        for (AllowlistCache.Source source : AllowlistCache.Source.values()) {
            loads(source, "success");
            loads(source, "failure");
        }
    }

    /** The whole assembly: token, enterprise-service's API, the stream, the Redis copy. */
    static AllowlistSync of(AllowlistCache cache, AllowlistProperties properties, WebClient client,
                            ReactiveStringRedisTemplate redis, String stream, JsonMapper json, Clock clock,
                            MeterRegistry meters) {
        ClientCredentials credentials = new ClientCredentials(client, properties.tokenUri(), properties.clientId(),
                properties.clientSecret(), properties.timeout(), json, clock);
        return new AllowlistSync(cache,
                new EnterpriseAllowlists(client, properties.sourceUri(), credentials, properties.timeout(), json),
                new AllowlistEvents(redis, stream, cache, json, properties.timeout(), meters),
                new AllowlistCopy(redis, properties.copyKey(), json, properties.timeout()),
                properties, clock, meters);
    }

    AllowlistSync start() {
        running.add(Mono.defer(this::loadOnce)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, properties.retryMin()).maxBackoff(properties.retryMax()))
                .then(Mono.delay(properties.fullReloadInterval()))
                .repeat()
                .subscribe(ignored -> { }, error -> log.error("Allowlist loading stopped", error)));
        running.add(Flux.interval(properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> events.poll().onErrorResume(error -> {
                    log.debug("Could not read allowlist.changed: {}", error.toString());
                    return Mono.just(0L);
                }), 1)
                .subscribe());
        return this;
    }

    void stop() {
        running.dispose();
    }

    /** One full load from enterprise-service; on failure, the Redis copy if nothing was ever loaded. */
    Mono<Void> loadOnce() {
        long requestedAt = cache.generation();
        return events.lastId().map(Optional::of)
                .onErrorResume(unreachable -> Mono.just(Optional.empty()))
                .flatMap(position -> enterprise.fetch().flatMap(lists -> store(lists, requestedAt,
                        position.orElse(null))))
                .onErrorResume(error -> {
                    loads(AllowlistCache.Source.ENTERPRISE, "failure").increment();
                    logFailure(error);
                    return cache.loaded() ? Mono.error(error) : fromCopy(requestedAt).then(Mono.error(error));
                });
    }

    private Mono<Void> store(List<PublishedAllowlist> lists, long requestedAt, String position) {
        boolean first = cache.source() != AllowlistCache.Source.ENTERPRISE;
        Instant now = clock.instant();
        cache.replaceAll(lists, requestedAt, AllowlistCache.Source.ENTERPRISE, now);
        loads(AllowlistCache.Source.ENTERPRISE, "success").increment();
        if (first || lastFailureLogged.getAndSet(null) != null) {
            log.info("Loaded the allowlists of {} organisations from enterprise-service", lists.size());
        }
        if (position == null) {
            // without the stream position the changes made during this load could be missed: load again soon
            return Mono.error(new IllegalStateException("Redis did not answer, so the load has no stream position"));
        }
        events.follow(position);
        return copy.save(lists, position, now).onErrorResume(error -> {
            log.warn("Could not save the allowlists in Redis for other replicas: {}", error.toString());
            return Mono.empty();
        });
    }

    private Mono<Void> fromCopy(long requestedAt) {
        return copy.load()
                .doOnNext(saved -> {
                    cache.replaceAll(saved.lists(), requestedAt, AllowlistCache.Source.REDIS_COPY, saved.loadedAt());
                    events.follow(saved.streamPosition());
                    loads(AllowlistCache.Source.REDIS_COPY, "success").increment();
                    log.warn("enterprise-service cannot be reached: enforcing the allowlists of {} organisations a "
                            + "gateway loaded at {}, and the changes published since", saved.lists().size(),
                            saved.loadedAt());
                })
                .then()
                .onErrorResume(error -> {
                    loads(AllowlistCache.Source.REDIS_COPY, "failure").increment();
                    log.warn("Could not read the allowlists saved in Redis: {}", error.toString());
                    return Mono.empty();
                });
    }

    private void logFailure(Throwable error) {
        Instant now = clock.instant();
        Instant previous = lastFailureLogged.get();
        if ((previous == null || previous.plus(FAILURE_LOG_INTERVAL).isBefore(now))
                && lastFailureLogged.compareAndSet(previous, now)) {
            log.warn("Could not load the allowlists from enterprise-service ({}); {}", error.toString(),
                    cache.loaded() ? "the lists held stay in force" : "organisations whose list is not known are "
                            + "refused with 503 until a load succeeds");
        }
    }

    private Counter loads(AllowlistCache.Source source, String outcome) {
        return Counter.builder("gateway.allowlist.loads").tag("source", source.tag()).tag("outcome", outcome)
                .description("Full loads of the allowlists").register(meters);
    }
}
