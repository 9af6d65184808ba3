package com.aifinance.dashboard.platform;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's public address (the gateway, e.g. {@code https://app.aifinance.agency}). The gateway does not pass
 * the browser's host on, so every absolute URL the hub builds (login redirects, the OAuth2 redirect URI, the
 * page a login returns to, checkout return pages) starts from here.
 */
@Component
public class PublicUrl {

    private final URI base;

    PublicUrl(@Value("${aifa.web.public-url:http://localhost:8080}") String base) {
        this.base = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    public URI base() {
        return base;
    }

    /** An absolute URL of a path of the platform ({@code /billing/success} → {@code https://host/billing/success}). */
    public String of(String path) {
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    public String scheme() {
        return base.getScheme();
    }

    public String host() {
        return base.getHost();
    }

    public int port() {
        return base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
    }
}
