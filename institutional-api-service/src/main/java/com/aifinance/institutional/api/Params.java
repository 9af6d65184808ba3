package com.aifinance.institutional.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.institutional.marketdata.AssetClass;
import org.springframework.http.HttpStatus;

/** Query parameters read strictly: a bad one is a validation problem naming the field. */
final class Params {

    private Params() {
    }

    static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                "The request has 1 invalid field.", Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 instant such as 2026-11-26T00:00:00Z");
        }
    }

    static AssetClass assetClass(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return AssetClass.parse(value).orElseThrow(() -> invalid("assetClass", "must be stock, crypto or forex"));
    }

    static void ordered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("from", "must be before to");
        }
    }

    static int limit(Integer limit, int defaultLimit, int max) {
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > max) {
            throw invalid("limit", "must be between 1 and " + max);
        }
        return limit;
    }

    static Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(field, "must be true or false");
        };
    }
}
