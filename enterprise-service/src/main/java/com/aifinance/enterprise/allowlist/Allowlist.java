package com.aifinance.enterprise.allowlist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An organisation's allowlist: empty means no address restriction. */
record Allowlist(UUID organisationId, List<Entry> entries, long version, Instant updatedAt, String updatedBy) {

    /** @param cidr canonical CIDR, e.g. {@code 203.0.113.0/24}, {@code 2001:db8::/32} */
    record Entry(String cidr, String label) {
    }

    List<String> cidrs() {
        return entries.stream().map(Entry::cidr).toList();
    }
}
