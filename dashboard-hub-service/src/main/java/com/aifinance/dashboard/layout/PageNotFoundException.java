package com.aifinance.dashboard.layout;

/** A page for something that does not exist (or the user may not see): shown as a 404 page. */
public class PageNotFoundException extends RuntimeException {

    public PageNotFoundException(String message) {
        super(message);
    }
}
