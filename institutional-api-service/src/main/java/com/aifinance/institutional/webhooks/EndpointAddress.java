package com.aifinance.institutional.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where we may POST: an absolute https URL (http only when configured for development) whose host does not resolve
 * to our own network (loopback, private, link-local), so a client cannot aim our workers at internal services.
 */
final class EndpointAddress {

    private EndpointAddress() {
    }

    /** Why the URL is refused, or empty when it is acceptable. */
    static Optional<String> problem(String url, WebhookProperties properties) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !properties.requireHttps())) {
            return Optional.of(properties.requireHttps() ? "must be an https URL" : "must be an http(s) URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("has no host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (url.length() > 2000) {
            return Optional.of("is longer than 2000 characters");
        }
        if (!properties.allowPrivateNetwork()) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                            || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                        return Optional.of("resolves to a private or local address");
                    }
                }
            } catch (UnknownHostException e) {
                return Optional.of("has a host that does not resolve");
            }
        }
        return Optional.empty();
    }
}
