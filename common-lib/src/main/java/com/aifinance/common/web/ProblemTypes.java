package com.aifinance.common.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Stable problem types (RFC 9457). They are tag URIs (RFC 4151): identifiers clients can switch on, not pages;
 * docs/problems.md describes each.
 */
public final class ProblemTypes {

    private static final String PREFIX = "tag:aifinance.agency,2026:problems/";

    public static final URI VALIDATION = of("validation");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
    public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
    public static final URI MALFORMED_REQUEST = of("malformed-request");
    public static final URI CONFLICT = of("conflict");
    public static final URI UNAUTHORIZED = of("unauthorized");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI RATE_LIMITED = of("rate-limited");
    public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");
    public static final URI UPSTREAM_TIMEOUT = of("upstream-timeout");
    public static final URI INTERNAL = of("internal-error");

    private ProblemTypes() {
    }

    public static URI of(String slug) {
        return URI.create(PREFIX + slug);
    }

    /** The type a bare HTTP status maps to when no more specific one applies. */
    public static URI forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> UPSTREAM_TIMEOUT;
            default -> status.is5xxServerError() ? INTERNAL : URI.create("about:blank");
        };
    }

    /** A problem with this platform's type for {@code status}. */
    public static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(forStatus(status));
        return problem;
    }
}
