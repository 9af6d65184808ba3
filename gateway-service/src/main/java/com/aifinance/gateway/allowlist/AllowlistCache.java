package com.aifinance.gateway.allowlist;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allowlists of every organisation that has one, in memory: each request is decided without a network call.
 * Writers (the start-up and periodic loads, the event reader) replace an immutable state under a lock; requests read
 * it without one.
 *
 * <p>Each list carries enterprise-service's version, and a list is only ever replaced by a higher version, so events
 * read twice, or read after a load that already contained them, change nothing.
 */
final class AllowlistCache {

    private static final Logger log = LoggerFactory.getLogger(AllowlistCache.class);

    /** What the cache says about one request. */
    enum Decision {
        /** The organisation has a list and the address is in it. */
        ALLOWED,
        /** The organisation has a list and the address is not in it (or is not an IP address). */
        DENIED,
        /** The organisation has no list. */
        UNRESTRICTED,
        /** Nothing was ever loaded and nothing is known of this organisation: whether it has a list is unknown. */
        UNAVAILABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the lists in force came from. */
    enum Source {
        ENTERPRISE, REDIS_COPY;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param ranges     the ranges that could be read; a range that could not is left out, but the list still
     *                   restricts ({@code published.cidrs()} is not empty), so a bad entry never opens access
     * @param generation the cache's write counter when this list was stored
     */
    record Held(PublishedAllowlist published, List<Cidr> ranges, long generation) {

        boolean restricts() {
            return !published.cidrs().isEmpty();
        }

        boolean allows(InetAddress address) {
            return ranges.stream().anyMatch(range -> range.contains(address));
        }
    }

    /** @param loadedAt when the last full load was stored, null before the first */
    private record State(Map<String, Held> lists, Source source, Instant loadedAt) {
    }

    private volatile State state = new State(Map.of(), null, null);
    private long generation;

    Decision decide(String organisation, String clientAddress) {
        State current = state;
        Held held = current.lists().get(PublishedAllowlist.key(organisation));
        if (held == null) {
            return current.source() != null ? Decision.UNRESTRICTED : Decision.UNAVAILABLE;
        }
        if (!held.restricts()) {
            return Decision.UNRESTRICTED;
        }
        Optional<InetAddress> address = IpAddresses.parse(clientAddress);
        return address.isPresent() && held.allows(address.get()) ? Decision.ALLOWED : Decision.DENIED;
    }

    /** The write counter now; a full load started at this point keeps what was written after it. */
    synchronized long generation() {
        return generation;
    }

    /** Stores a changed list unless a list of the same or a higher version is held; whether it was stored. */
    synchronized boolean apply(PublishedAllowlist change) {
        Held held = state.lists().get(change.organisationId());
        if (held != null && held.published().version() >= change.version()) {
            return false;
        }
        Map<String, Held> lists = new HashMap<>(state.lists());
        lists.put(change.organisationId(), held(change, ++generation));
        state = new State(Map.copyOf(lists), state.source(), state.loadedAt());
        return true;
    }

    /**
     * Replaces every list with a full load that was requested at generation {@code requestedAt}. A list missing from
     * the load is dropped (the organisation removed it), unless it was written after the request: the load may have
     * been read before that change. A list of a higher version than the load's is kept for the same reason.
     */
    synchronized void replaceAll(List<PublishedAllowlist> loaded, long requestedAt, Source source, Instant at) {
        Map<String, Held> lists = new HashMap<>();
        state.lists().forEach((organisation, held) -> {
            if (held.generation() > requestedAt) {
                lists.put(organisation, held);
            }
        });
        generation++;
        for (PublishedAllowlist list : loaded) {
            Held newer = lists.get(list.organisationId());
            if (newer == null || newer.published().version() < list.version()) {
                lists.put(list.organisationId(), held(list, generation));
            }
        }
        state = new State(Map.copyOf(lists), source, at);
    }

    /** Whether a full load (from enterprise-service or the Redis copy) has been stored. */
    boolean loaded() {
        return state.source() != null;
    }

    Source source() {
        return state.source();
    }

    Instant loadedAt() {
        return state.loadedAt();
    }

    /** How many organisations are restricted to their list now. */
    int restrictedOrganisations() {
        return (int) state.lists().values().stream().filter(Held::restricts).count();
    }

    private static Held held(PublishedAllowlist list, long generation) {
        List<Cidr> ranges = new ArrayList<>();
        for (String cidr : list.cidrs()) {
            Cidr.parse(cidr).ifPresentOrElse(ranges::add, () -> log.error("The allowlist of organisation {} "
                    + "(version {}) has an entry that is not an IP range: '{}'; it matches no address",
                    list.organisationId(), list.version(), cidr));
        }
        return new Held(list, List.copyOf(ranges), generation);
    }
}
