package com.aifinance.dashboard.platform;

/**
 * The signed-in user's tokens are gone or no longer accepted (refresh refused, session ended elsewhere): the user
 * must log in again, and is then brought back to the page they wanted.
 */
public class SessionExpiredException extends RuntimeException {

    public SessionExpiredException(String reason) {
        super(reason);
    }
}
