package com.aifinance.gateway.allowlist;

import java.util.List;
import java.util.Locale;

/**
 * One organisation's allowlist as enterprise-service publishes it (its start-up API, {@code allowlist.changed}): the
 * whole list, so applying it never needs the previous one. An empty list lifts the restriction.
 *
 * @param organisationId the organisation (the tokens' {@code org} claim)
 * @param version        grows by one with every save of the organisation's list
 * @param cidrs          IPv4 and IPv6 ranges in enterprise-service's canonical form
 */
record PublishedAllowlist(String organisationId, long version, List<String> cidrs) {

    PublishedAllowlist {
        if (organisationId == null || organisationId.isBlank()) {
            throw new IllegalArgumentException("an allowlist needs an organisationId");
        }
        if (version < 1) {
            throw new IllegalArgumentException("the allowlist of " + organisationId + " has no version");
        }
        if (cidrs == null || cidrs.stream().anyMatch(cidr -> cidr == null)) {
            throw new IllegalArgumentException("the allowlist of " + organisationId + " has no list of ranges");
        }
        organisationId = key(organisationId);
        cidrs = List.copyOf(cidrs);
    }

    /** How organisation ids are compared: UUIDs, whatever the case they were written in. */
    static String key(String organisationId) {
        return organisationId.strip().toLowerCase(Locale.ROOT);
    }
}
