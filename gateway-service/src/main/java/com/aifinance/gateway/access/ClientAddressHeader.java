package com.aifinance.gateway.access;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells a service who the client is in exactly one {@code X-Forwarded-For} value: the address the gateway resolved
 * (a trusted proxy's forwarding believed, a client's own claim never). Runs after Spring Cloud Gateway's own
 * forwarded-header filters, so whatever they kept or removed is replaced. Services that trust the gateway as their
 * only proxy (enterprise-service's IP allowlists) read the client from it.
 */
final class ClientAddressHeader implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        RequestAccess access = RequestAccess.of(exchange);
        if (access == null) {
            return input;
        }
        HttpHeaders updated = new HttpHeaders();
        input.headerSet().forEach(entry -> updated.addAll(entry.getKey(), entry.getValue()));
        updated.set("X-Forwarded-For", access.clientAddress());
        return updated;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }
}
