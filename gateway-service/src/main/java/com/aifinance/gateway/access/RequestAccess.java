package com.aifinance.gateway.access;

import com.aifinance.common.security.Caller;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the gateway decided about a request before routing it: which kind of path it is, who called (when a token
 * was verified) and from which address. Later filters (the rate limiter) read it from the exchange.
 *
 * @param publicGroup   the {@code aifa.gateway.access.public-api} group of a public API path, else null
 * @param caller        the verified caller, or null when no token was sent
 * @param clientAddress the client's IP address (from {@code X-Forwarded-For} only behind a trusted proxy)
 */
public record RequestAccess(Kind kind, String publicGroup, Caller caller, String clientAddress) {

    static final String ATTRIBUTE = RequestAccess.class.getName();

    public enum Kind {
        /** {@code /api/**}, {@code /v1/**}: a valid token is required. */
        PROTECTED_API,
        /** An API path anyone may call (plan catalog, payment webhooks, status page). */
        PUBLIC_API,
        /** Identity pages, web dashboards, the gateway's own endpoints: passed through without token checks. */
        PASS_THROUGH
    }

    /** The decision for this exchange; absent only if the identity filter did not run. */
    public static RequestAccess of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
