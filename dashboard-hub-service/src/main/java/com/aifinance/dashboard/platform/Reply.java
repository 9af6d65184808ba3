package com.aifinance.dashboard.platform;

import java.util.function.Function;

/**
 * What a call to a service came back with: a body, a refusal the service explained (a problem detail), or no
 * usable answer at all (down, too slow, broken).
 */
public sealed interface Reply<T> {

    record Ok<T>(T body, int status) implements Reply<T> {
    }

    /** The service answered 4xx with its reason. */
    record Refused<T>(Problem problem) implements Reply<T> {
    }

    /** The service did not answer in time, refused the connection, or failed (5xx, unreadable answer). */
    record Unavailable<T>(Downstream.Service service, String reason) implements Reply<T> {
    }

    default boolean ok() {
        return this instanceof Ok<T>;
    }

    default T body() {
        return this instanceof Ok<T>(T body, int ignored) ? body : null;
    }

    default <R> Reply<R> map(Function<T, R> mapper) {
        return switch (this) {
            case Ok<T>(T body, int status) -> new Ok<>(mapper.apply(body), status);
            case Refused<T>(Problem problem) -> new Refused<>(problem);
            case Unavailable<T>(Downstream.Service service, String reason) -> new Unavailable<>(service, reason);
        };
    }

    /** The reply as a panel: a body is ready (or empty when {@code isEmpty} says so), a failure is explained. */
    default Panel<T> toPanel(java.util.function.Predicate<T> isEmpty) {
        return switch (this) {
            case Ok<T>(T body, int status) -> body == null || isEmpty.test(body) ? Panel.empty(body) : Panel.ready(body);
            case Refused<T>(Problem problem) -> switch (problem.status()) {
                case 403 -> Panel.notAllowed(problem.message());
                case 404 -> Panel.notFound(problem.message());
                default -> Panel.refused(problem.message());
            };
            case Unavailable<T>(Downstream.Service service, String reason) -> Panel.unavailable(service);
        };
    }

    default Panel<T> toPanel() {
        return toPanel(body -> false);
    }
}
