package com.aifinance.gateway.access;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's IP address. {@code X-Forwarded-For} is believed only when the peer is a trusted proxy (the same
 * {@code spring.cloud.gateway.server.webflux.trusted-proxies} pattern the gateway uses for forwarded headers); then
 * the right-most address that is not itself a trusted proxy is the client, so a client cannot pick its own address
 * by sending the header.
 */
final class ClientAddresses {

    private final Pattern trustedProxies;

    ClientAddresses(String trustedProxiesPattern) {
        this.trustedProxies = trustedProxiesPattern == null || trustedProxiesPattern.isBlank() ? null
                : Pattern.compile(trustedProxiesPattern);
    }

    String resolve(ServerHttpRequest request) {
        String peer = peerAddress(request);
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i).trim();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** Whether the connection comes from a trusted proxy, whose forwarding headers the gateway believes. */
    boolean isTrustedProxy(ServerHttpRequest request) {
        return isTrusted(peerAddress(request));
    }

    private boolean isTrusted(String address) {
        return trustedProxies != null && trustedProxies.matcher(address).matches();
    }

    private static String peerAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
