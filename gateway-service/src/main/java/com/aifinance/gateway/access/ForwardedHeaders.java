package com.aifinance.gateway.access;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The forwarding headers a service receives, all written by the gateway: {@code X-Forwarded-For} (one value, the
 * client address the gateway resolved), {@code X-Forwarded-Proto}, {@code -Host} and {@code -Port} (the address the
 * client used, {@link PublicOrigin}), and {@code X-Forwarded-Prefix} when a trusted proxy mounts the platform under a
 * path. Services build their redirects from these (Tomcat's {@code RemoteIpValve}, {@code forward-headers-strategy:
 * native}), so whatever a client sent under these names, or as {@code Forwarded} or {@code X-Real-IP}, is removed
 * first: only a trusted proxy's values, checked, are passed on. Runs after Spring Cloud Gateway's own forwarded-header
 * filters, so what they kept or added is replaced.
 */
final class ForwardedHeaders implements HttpHeadersFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ForwardedHeaders.class);

    private final ClientAddresses clientAddresses;
    private final Counter fromUntrustedPeer;
    private final Counter invalidFromProxy;

    ForwardedHeaders(ClientAddresses clientAddresses, MeterRegistry meters) {
        this.clientAddresses = clientAddresses;
        this.fromUntrustedPeer = ignored(meters, "untrusted_peer");
        this.invalidFromProxy = ignored(meters, "invalid");
    }

    private static Counter ignored(MeterRegistry meters, String reason) {
        return Counter.builder("gateway.forwarded.headers.ignored").tag("reason", reason)
                .description("Proxied requests whose forwarding headers (X-Forwarded-*, Forwarded) were not believed")
                .register(meters);
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        boolean trusted = clientAddresses.isTrustedProxy(request);
        PublicOrigin.Resolution resolution = PublicOrigin.resolve(request, trusted);
        PublicOrigin origin = resolution.origin();
        if (!trusted && hasForwardingHeaders(request.getHeaders())) {
            fromUntrustedPeer.increment();
            log.debug("Dropped forwarding headers sent by {}, which is not a trusted proxy", origin.url());
        } else if (resolution.trust() == PublicOrigin.Trust.PROXY_WITH_INVALID_VALUES) {
            invalidFromProxy.increment();
            log.debug("Ignored unusable forwarding values from a trusted proxy; the origin is {}", origin.url());
        }

        HttpHeaders updated = new HttpHeaders();
        input.headerSet().forEach(entry -> {
            if (!isForwardingHeader(entry.getKey())) {
                updated.addAll(entry.getKey(), entry.getValue());
            }
        });
        RequestAccess access = RequestAccess.of(exchange);
        updated.set("X-Forwarded-For", access != null ? access.clientAddress() : clientAddresses.resolve(request));
        updated.set("X-Forwarded-Proto", origin.scheme());
        updated.set("X-Forwarded-Host", origin.hostWithPort());
        updated.set("X-Forwarded-Port", String.valueOf(origin.port()));
        if (origin.prefix() != null) {
            updated.set("X-Forwarded-Prefix", origin.prefix());
        }
        return updated;
    }

    private static boolean hasForwardingHeaders(HttpHeaders headers) {
        for (String name : headers.headerNames()) {
            if (isForwardingHeader(name)) {
                return true;
            }
        }
        return false;
    }

    /** Every header a server might read the client's address, scheme, host or path from. */
    private static boolean isForwardingHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("x-forwarded-") || lower.equals("forwarded") || lower.equals("x-real-ip");
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
