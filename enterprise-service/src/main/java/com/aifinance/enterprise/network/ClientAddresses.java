package com.aifinance.enterprise.network;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The address a request really came from. {@code X-Forwarded-For} is read only when the connection comes from a
 * configured trusted proxy, and then from the right (entries appended by our proxies) to the first address that is
 * not a trusted proxy: anything left of that was written by the client and proves nothing.
 */
@Component
public class ClientAddresses {

    private final List<Cidr> trustedProxies;

    ClientAddresses(TrustedProxyProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(Cidr::parse).toList();
    }

    public String resolve(HttpServletRequest request) {
        Optional<InetAddress> remote = IpAddresses.parseFromNetwork(request.getRemoteAddr());
        if (remote.isEmpty()) {
            return request.getRemoteAddr();
        }
        InetAddress client = remote.get();
        if (!isTrustedProxy(client)) {
            return IpAddresses.canonical(client);
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    hops.add(entry.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpAddresses.parseFromNetwork(hops.get(i));
            if (hop.isEmpty()) {
                break;   // a garbled entry: stop at the last address a trusted proxy vouched for
            }
            client = hop.get();
            if (!isTrustedProxy(client)) {
                break;
            }
        }
        return IpAddresses.canonical(client);
    }

    boolean isTrustedProxy(InetAddress address) {
        return trustedProxies.stream().anyMatch(proxy -> proxy.contains(address));
    }
}
