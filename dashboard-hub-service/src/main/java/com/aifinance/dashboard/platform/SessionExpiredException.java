package com.aifinance.dashboard.platform;

/**
 * The signed-in user's tokens are gone or no longer accepted (refresh refused, session ended elsewhere): the user
 * must log in again, and is then brought back to the page they wanted.
 */
public class SessionExpiredException extends RuntimeException {

    private final boolean refused;

    public SessionExpiredException(String reason) {
        this(reason, false);
    }

    private SessionExpiredException(String reason, boolean refused) {
        super(reason);
        this.refused = refused;
    }

    /** The authorization server refused the refresh token (rotated away, revoked): the login is over. */
    static SessionExpiredException refused(String reason) {
        return new SessionExpiredException(reason, true);
    }

    /** Whether the authorization server itself ended the login (not merely could not be reached). */
    public boolean refused() {
        return refused;
    }
}
