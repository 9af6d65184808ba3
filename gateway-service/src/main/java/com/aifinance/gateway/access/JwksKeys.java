package com.aifinance.gateway.access;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The signing keys of subscription-service's JWKS, held in memory. A token naming a key that is not held makes the
 * set be fetched again (key rotation), at most once per {@code minRefreshInterval} so that tokens with invented key
 * ids cannot turn the gateway into a flood against the JWKS; the set is also refetched when older than
 * {@code maxAge}. Fetches are non-blocking and shared by all requests waiting for them.
 */
final class JwksKeys {

    private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);

    private final WebClient client;
    private final String jwkSetUri;
    private final Duration timeout;
    private final Duration minRefreshInterval;
    private final Duration maxAge;
    private final Clock clock;
    private final Counter refreshed;
    private final Counter refreshFailed;

    private volatile Snapshot current = new Snapshot(new JWKSet(), Instant.EPOCH);
    private volatile Instant lastAttempt = Instant.EPOCH;
    private Mono<JWKSet> inFlight;

    JwksKeys(WebClient client, String jwkSetUri, Duration timeout, Duration minRefreshInterval, Duration maxAge,
             Clock clock, MeterRegistry meters) {
        this.client = client;
        this.jwkSetUri = jwkSetUri;
        this.timeout = timeout;
        this.minRefreshInterval = minRefreshInterval;
        this.maxAge = maxAge;
        this.clock = clock;
        this.refreshed = Counter.builder("gateway.jwks.refreshes").tag("outcome", "success")
                .description("Fetches of the JWKS").register(meters);
        this.refreshFailed = Counter.builder("gateway.jwks.refreshes").tag("outcome", "failure")
                .description("Fetches of the JWKS").register(meters);
    }

    private record Snapshot(JWKSet keys, Instant fetchedAt) {
    }

    /** The keys that may have signed {@code token}: its key id and algorithm. */
    Flux<JWK> keysFor(SignedJWT token) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader()));
        Snapshot snapshot = current;
        List<JWK> held = selector.select(snapshot.keys());
        Instant now = clock.instant();
        boolean stale = snapshot.fetchedAt().plus(maxAge).isBefore(now);
        if (!held.isEmpty() && !stale) {
            return Flux.fromIterable(held);
        }
        if (!stale && lastAttempt.plus(minRefreshInterval).isAfter(now)) {
            return Flux.empty(); // an unknown key id, and the set was fetched moments ago
        }
        return refresh()
                .map(selector::select)
                .onErrorResume(error -> held.isEmpty()
                        ? Mono.error(new KeysUnavailableException(error))
                        : Mono.just(held)) // keep verifying with the keys held while the JWKS is unreachable
                .flatMapMany(Flux::fromIterable);
    }

    /** Whether a key with this id is held (used to tell an unknown key from a bad signature). */
    boolean holds(String keyId) {
        return keyId != null && current.keys().getKeyByKeyId(keyId) != null;
    }

    /** Fetches the set now; concurrent callers share one fetch. */
    synchronized Mono<JWKSet> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        lastAttempt = clock.instant();
        Mono<JWKSet> fetch = client.get().uri(jwkSetUri).retrieve().bodyToMono(String.class)
                .timeout(timeout)
                .map(JwksKeys::parse)
                .doOnNext(keys -> {
                    current = new Snapshot(keys, clock.instant());
                    refreshed.increment();
                })
                .doOnError(error -> {
                    refreshFailed.increment();
                    log.warn("Could not fetch the JWKS from {}: {}", jwkSetUri, error.toString());
                })
                .doFinally(signal -> clearInFlight())
                .cache();
        inFlight = fetch;
        return fetch;
    }

    private synchronized void clearInFlight() {
        inFlight = null;
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("The JWKS is not a JSON Web Key Set: " + e.getMessage(), e);
        }
    }

    /** No key can be had to verify a token: the JWKS could not be fetched and none is held. */
    static final class KeysUnavailableException extends RuntimeException {
        KeysUnavailableException(Throwable cause) {
            super("The signing keys could not be fetched", cause);
        }
    }
}
