package com.aifinance.dashboard.platform;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An RFC 9457 problem detail as a service answered it: what the hub shows the user when a call is refused.
 *
 * @param type   the stable problem type, e.g. {@code tag:aifinance.agency,2026:problems/seat-limit-reached}
 * @param errors field errors of a validation problem ({@code field}, {@code message})
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The slug after {@code problems/}, or an empty string. */
    public String slug() {
        if (type == null) {
            return "";
        }
        int slash = type.lastIndexOf('/');
        return slash < 0 ? type : type.substring(slash + 1);
    }

    public boolean is(String slug) {
        return slug().equals(slug);
    }

    /** Field errors by field name (the first message of each field). */
    public Map<String, String> fieldErrors() {
        return errors.stream().filter(error -> error.field() != null)
                .collect(Collectors.toMap(FieldError::field, FieldError::message, (first, second) -> first));
    }

    /** A sentence for the user: the service's detail, else its title, else the status. */
    public String message() {
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        if (title != null && !title.isBlank()) {
            return title;
        }
        return "The request was refused (HTTP " + status + ").";
    }
}
