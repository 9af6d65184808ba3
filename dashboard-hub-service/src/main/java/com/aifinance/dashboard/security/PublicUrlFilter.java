package com.aifinance.dashboard.security;

import java.io.IOException;

import com.aifinance.dashboard.platform.PublicUrl;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes every request look as the browser addressed it: the platform's public URL. The gateway forwards requests
 * with the hub's own host, so without this the login redirect, the page a login returns to and the post-logout
 * address would point at {@code 127.0.0.1:7777}, which browsers must not use. The public URL comes from
 * configuration, never from request headers, so a client cannot steer redirects elsewhere.
 */
class PublicUrlFilter extends OncePerRequestFilter {

    private final PublicUrl publicUrl;

    PublicUrlFilter(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new AsPublic(request, publicUrl), response);
    }

    private static final class AsPublic extends HttpServletRequestWrapper {

        private final PublicUrl publicUrl;

        AsPublic(HttpServletRequest request, PublicUrl publicUrl) {
            super(request);
            this.publicUrl = publicUrl;
        }

        @Override
        public String getScheme() {
            return publicUrl.scheme();
        }

        @Override
        public String getServerName() {
            return publicUrl.host();
        }

        @Override
        public int getServerPort() {
            return publicUrl.port();
        }

        @Override
        public boolean isSecure() {
            return "https".equals(publicUrl.scheme());
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(publicUrl.of(getRequestURI()));
        }
    }
}
