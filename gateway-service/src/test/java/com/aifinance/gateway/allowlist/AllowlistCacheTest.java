package com.aifinance.gateway.allowlist;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.aifinance.gateway.allowlist.AllowlistCache.Decision.ALLOWED;
import static com.aifinance.gateway.allowlist.AllowlistCache.Decision.DENIED;
import static com.aifinance.gateway.allowlist.AllowlistCache.Decision.UNAVAILABLE;
import static com.aifinance.gateway.allowlist.AllowlistCache.Decision.UNRESTRICTED;
import static org.assertj.core.api.Assertions.assertThat;

class AllowlistCacheTest {

    private static final String ACME = "0b7e2d7c-7f7a-4a52-8d1e-5a1f3c2b9e10";
    private static final String GLOBEX = "9c3d1e2f-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

    private final AllowlistCache cache = new AllowlistCache();

    @Test
    void beforeAnyLoadOnlyOrganisationsWhoseListIsKnownAreDecidedTheOthersCannotBeChecked() {
        assertThat(cache.decide(ACME, "203.0.113.9")).isEqualTo(UNAVAILABLE);

        cache.apply(list(ACME, 1, "203.0.113.0/24"));
        cache.apply(list(GLOBEX, 4));

        assertThat(cache.decide(ACME, "203.0.113.9")).isEqualTo(ALLOWED);
        assertThat(cache.decide(ACME, "198.51.100.7")).isEqualTo(DENIED);
        assertThat(cache.decide(GLOBEX, "198.51.100.7")).isEqualTo(UNRESTRICTED);
        assertThat(cache.decide("5d6e7f80-0000-4000-8000-000000000000", "203.0.113.9")).isEqualTo(UNAVAILABLE);
        assertThat(cache.loaded()).isFalse();
    }

    @Test
    void afterALoadOrganisationsWithoutAListAreUnrestricted() {
        cache.replaceAll(List.of(list(ACME, 2, "203.0.113.0/24")), cache.generation(), AllowlistCache.Source.ENTERPRISE,
                Instant.now());

        assertThat(cache.decide(GLOBEX, "198.51.100.7")).isEqualTo(UNRESTRICTED);
        assertThat(cache.decide(ACME.toUpperCase(), "198.51.100.7")).isEqualTo(DENIED);
        assertThat(cache.restrictedOrganisations()).isEqualTo(1);
    }

    @Test
    void aChangeIsTakenOnlyWhenItsVersionIsNewer() {
        assertThat(cache.apply(list(ACME, 2, "203.0.113.0/24"))).isTrue();

        assertThat(cache.apply(list(ACME, 2, "198.51.100.0/24"))).isFalse();
        assertThat(cache.apply(list(ACME, 1))).isFalse();
        assertThat(cache.decide(ACME, "203.0.113.9")).isEqualTo(ALLOWED);

        assertThat(cache.apply(list(ACME, 3))).isTrue();
        assertThat(cache.decide(ACME, "198.51.100.7")).isEqualTo(UNRESTRICTED);
    }

    @Test
    void aFullLoadDropsListsThatWereRemovedButKeepsChangesItMayHaveBeenReadBefore() {
        cache.replaceAll(List.of(list(ACME, 1, "203.0.113.0/24"), list(GLOBEX, 1, "198.51.100.0/24")),
                cache.generation(), AllowlistCache.Source.ENTERPRISE, Instant.now());
        long requested = cache.generation();
        String initech = "11111111-2222-4333-8444-555555555555";
        cache.apply(list(initech, 1, "192.0.2.0/24")); // published while the load was on its way
        cache.apply(list(GLOBEX, 2, "192.0.2.0/24"));

        cache.replaceAll(List.of(list(GLOBEX, 1, "198.51.100.0/24")), requested, AllowlistCache.Source.ENTERPRISE,
                Instant.now());

        assertThat(cache.decide(ACME, "198.51.100.7")).as("removed from enterprise-service").isEqualTo(UNRESTRICTED);
        assertThat(cache.decide(initech, "198.51.100.7")).isEqualTo(DENIED);
        assertThat(cache.decide(GLOBEX, "192.0.2.1")).as("version 2 outranks the load's version 1").isEqualTo(ALLOWED);
    }

    @Test
    void aListWhoseRangesCannotBeReadStillRestrictsAndMatchesNothing() {
        cache.apply(list(ACME, 1, "not-a-range"));

        assertThat(cache.decide(ACME, "203.0.113.9")).isEqualTo(DENIED);
    }

    @Test
    void aClientAddressThatIsNotAnIpAddressIsRefusedForARestrictedOrganisation() {
        cache.apply(list(ACME, 1, "0.0.0.0/0", "::/0"));

        assertThat(cache.decide(ACME, "unknown")).isEqualTo(DENIED);
        assertThat(cache.decide(ACME, "203.0.113.9")).isEqualTo(ALLOWED);
    }

    private static PublishedAllowlist list(String organisation, long version, String... cidrs) {
        return new PublishedAllowlist(organisation, version, List.of(cidrs));
    }
}
