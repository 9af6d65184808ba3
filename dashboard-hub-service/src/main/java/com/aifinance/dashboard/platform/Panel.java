package com.aifinance.dashboard.platform;

/**
 * What one panel of a page shows: its content, or why it has none. Every panel template renders each state, so a
 * service that is down, refuses, or has nothing yet gets a clear sentence instead of a broken page.
 *
 * @param value   the content (also for {@link State#EMPTY}, e.g. an empty list with its paging)
 * @param message what to tell the user when there is no content
 */
public record Panel<T>(State state, T value, String message) {

    public enum State { READY, EMPTY, NOT_ALLOWED, NOT_FOUND, REFUSED, UNAVAILABLE }

    public static <T> Panel<T> ready(T value) {
        return new Panel<>(State.READY, value, null);
    }

    public static <T> Panel<T> empty(T value) {
        return new Panel<>(State.EMPTY, value, null);
    }

    public static <T> Panel<T> notAllowed(String message) {
        return new Panel<>(State.NOT_ALLOWED, null, message);
    }

    public static <T> Panel<T> notFound(String message) {
        return new Panel<>(State.NOT_FOUND, null, message);
    }

    public static <T> Panel<T> refused(String message) {
        return new Panel<>(State.REFUSED, null, message);
    }

    public static <T> Panel<T> unavailable(Downstream.Service service) {
        return new Panel<>(State.UNAVAILABLE, null, service.displayName()
                + " is not answering right now, so this panel cannot be shown. The rest of the page still works; "
                + "try again in a minute.");
    }

    public boolean isReady() {
        return state == State.READY;
    }

    public boolean isEmpty() {
        return state == State.EMPTY;
    }

    /** True when the panel has no content to show: the template shows {@link #message()} as an error. */
    public boolean isFailed() {
        return state != State.READY && state != State.EMPTY;
    }

    public boolean isUnavailable() {
        return state == State.UNAVAILABLE;
    }
}
