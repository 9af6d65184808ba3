package com.aifinance.gateway.hardening;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's edge protections ({@code aifa.gateway.edge.*}).
 *
 * @param contentSecurityPolicy set on responses that bring none of their own
 * @param strictTransportSecurity the HSTS header value
 * @param referrerPolicy          the Referrer-Policy header value
 * @param permissionsPolicy       the Permissions-Policy header value
 * @param maxRequestBody          the largest request body accepted (413 above)
 * @param bodyLimits              larger (or smaller) limits for some paths, first match wins
 * @param corsAllowedOrigins      origins of the web dashboards that may call the API from a browser
 */
@ConfigurationProperties("aifa.gateway.edge")
record EdgeProperties(
        @DefaultValue("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                + "frame-ancestors 'none'") String contentSecurityPolicy,
        @DefaultValue("max-age=31536000; includeSubDomains") String strictTransportSecurity,
        @DefaultValue("strict-origin-when-cross-origin") String referrerPolicy,
        @DefaultValue("camera=(), microphone=(), geolocation=(), payment=()") String permissionsPolicy,
        @DefaultValue("1MB") DataSize maxRequestBody,
        @DefaultValue List<BodyLimit> bodyLimits,
        @DefaultValue("http://localhost:7777") List<String> corsAllowedOrigins) {

    /** Requests to {@code paths} may carry up to {@code maxSize}. */
    record BodyLimit(List<String> paths, DataSize maxSize) {
    }
}
