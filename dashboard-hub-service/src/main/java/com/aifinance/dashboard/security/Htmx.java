package com.aifinance.dashboard.security;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

/** The headers htmx sends with its requests. */
final class Htmx {

    private Htmx() {
    }

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    /**
     * The path (and query) of the page the htmx request came from; only a local path is taken, so the header cannot
     * send anyone to another site. Falls back to the dashboard.
     */
    static String currentPage(HttpServletRequest request) {
        String current = request.getHeader("HX-Current-URL");
        if (current != null) {
            try {
                URI uri = URI.create(current);
                String path = uri.getRawPath();
                if (path != null && path.startsWith("/") && !path.startsWith("//")) {
                    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
                }
            } catch (IllegalArgumentException malformed) {
                // fall back below
            }
        }
        return "/dashboard";
    }
}
