package com.aifinance.subscription.authserver;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A login that passed its first factor and waits for the second: kept in the HTTP session instead of an
 * authentication, so nothing (not {@code /oauth2/authorize}, not the account page) treats the user as logged in.
 *
 * @param methods    the methods proven so far ({@code pwd} or {@code federated})
 * @param mustEnroll the user has no MFA yet but their tier requires it
 */
record PendingLogin(UUID userId, List<String> methods, boolean mustEnroll, Instant startedAt, int failures)
        implements Serializable {

    static final String SESSION_ATTRIBUTE = PendingLogin.class.getName();
    static final int MAX_FAILURES = 5;

    PendingLogin failedOnce() {
        return new PendingLogin(userId, methods, mustEnroll, startedAt, failures + 1);
    }
}
