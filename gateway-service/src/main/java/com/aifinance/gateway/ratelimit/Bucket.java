package com.aifinance.gateway.ratelimit;

import com.aifinance.common.security.Caller;
import com.aifinance.gateway.access.RequestAccess;

/**
 * Whose hourly allowance a request spends. Keyed by who calls, never by the path, so the path's spelling cannot
 * open a new allowance; a second token of the same subject (or organisation) spends the same one.
 *
 * @param id          the counter's identity: {@code sub:<subject>}, {@code org:<organisation>},
 *                    {@code client:<client id>} or {@code ip:<group>:<address>}
 * @param tier        the metrics tag: a tier, or {@code anonymous}
 * @param limit       requests per window, unless Redis holds a contract quota for an institutional client
 * @param hasQuota    whether a contract quota may override the limit (institutional clients)
 */
record Bucket(String id, String tier, long limit, boolean hasQuota) {

    static final String ANONYMOUS = "anonymous";

    /** The bucket of a request, or null when the path is not rate limited (identity pages, web dashboards). */
    static Bucket of(RequestAccess access, RateLimitProperties limits) {
        if (access == null || access.kind() == RequestAccess.Kind.PASS_THROUGH) {
            return null;
        }
        if (access.kind() == RequestAccess.Kind.PUBLIC_API) {
            // public paths are counted per address even for signed-in callers: browsing the catalog or the
            // status page does not spend a subscriber's API allowance
            return new Bucket("ip:" + access.publicGroup() + ":" + access.clientAddress(), ANONYMOUS,
                    limits.anonymousLimitFor(access.publicGroup()), false);
        }
        Caller caller = access.caller();
        return switch (caller.tier()) {
            case "enterprise" -> caller.organisation() != null
                    ? new Bucket("org:" + caller.organisation(), "enterprise", limits.limitFor("enterprise"), false)
                    : new Bucket("sub:" + caller.subject(), "enterprise", limits.limitFor("enterprise"), false);
            case "institutional" -> new Bucket("client:" + caller.subject(), "institutional",
                    limits.institutionalDefault(), true);
            default -> new Bucket("sub:" + caller.subject(), caller.tier(), limits.limitFor(caller.tier()), false);
        };
    }
}
