package com.aifinance.gateway.access;

import java.util.Locale;

/** Why an access token was refused; the reason is the {@code reason} tag of {@code gateway_tokens_rejected_total}. */
enum TokenRejection {

    MISSING("This resource needs an access token (Authorization: Bearer …)."),
    MALFORMED("The access token is not a well-formed JWT."),
    UNSUPPORTED_ALGORITHM("The access token must be signed with RS256."),
    UNKNOWN_KEY("The access token is signed with a key the platform does not publish."),
    BAD_SIGNATURE("The access token's signature does not match its content."),
    EXPIRED("The access token has expired; obtain a new one."),
    NOT_YET_VALID("The access token is not valid yet."),
    WRONG_ISSUER("The access token was not issued by this platform."),
    WRONG_AUDIENCE("The access token is not meant for this API."),
    NO_SUBJECT("The access token names no subject."),
    UNKNOWN_TIER("The access token names a tier the platform does not have."),
    INVALID_CLAIMS("The access token's claims are not valid.");

    private final String detail;

    TokenRejection(String detail) {
        this.detail = detail;
    }

    String detail() {
        return detail;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The failure carrying a reason through the reactive pipeline; no stack trace, it is an expected outcome. */
    static final class Failure extends RuntimeException {

        private final TokenRejection reason;

        Failure(TokenRejection reason) {
            super(reason.detail(), null, false, false);
            this.reason = reason;
        }

        TokenRejection reason() {
            return reason;
        }
    }
}
