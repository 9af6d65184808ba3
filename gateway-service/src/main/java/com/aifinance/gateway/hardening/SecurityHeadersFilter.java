package com.aifinance.gateway.hardening;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every response, the services' and the gateway's own (errors included). They are set when the
 * response is committed, after a service's headers have been copied, so the gateway's values win; only a
 * Content-Security-Policy a service chose for its page is kept.
 */
final class SecurityHeadersFilter implements WebFilter, Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private final EdgeProperties properties;

    SecurityHeadersFilter(EdgeProperties properties) {
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Strict-Transport-Security", properties.strictTransportSecurity());
            headers.set("X-Frame-Options", "DENY");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", properties.referrerPolicy());
            headers.set("Permissions-Policy", properties.permissionsPolicy());
            if (!headers.containsHeader("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", properties.contentSecurityPolicy());
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
