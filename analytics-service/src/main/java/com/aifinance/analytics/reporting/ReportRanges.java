package com.aifinance.analytics.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * The date ranges reports accept: both ends given (no unbounded range), in order, not in the future, and no longer
 * than a report can answer quickly. A range that breaks a rule is a validation problem naming the field.
 */
public final class ReportRanges {

    public static final int MAX_MONTHS = 120;
    public static final int MAX_DAYS = 3_700;

    private ReportRanges() {
    }

    /** Whole months {@code from} … {@code to}, both included. */
    public static MonthRange months(YearMonth from, YearMonth to, Clock clock) {
        require(from, "from");
        require(to, "to");
        if (to.isBefore(from)) {
            throw invalid("to", "must not be before from (" + from + ")");
        }
        if (to.isAfter(YearMonth.now(clock))) {
            throw invalid("to", "must not be after the current month (" + YearMonth.now(clock) + ")");
        }
        long months = ChronoUnit.MONTHS.between(from, to) + 1;
        if (months > MAX_MONTHS) {
            throw invalid("from", "the range spans " + months + " months; at most " + MAX_MONTHS + " are allowed");
        }
        return new MonthRange(from, to);
    }

    /** Days {@code from} … {@code to}, both included. */
    public static DayRange days(LocalDate from, LocalDate to, Clock clock) {
        require(from, "from");
        require(to, "to");
        if (to.isBefore(from)) {
            throw invalid("to", "must not be before from (" + from + ")");
        }
        if (to.isAfter(LocalDate.now(clock))) {
            throw invalid("to", "must not be after today (" + LocalDate.now(clock) + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw invalid("from", "the range spans " + days + " days; at most " + MAX_DAYS + " are allowed");
        }
        return new DayRange(from, to);
    }

    /** A report currency: an upper-case ISO 4217 code. */
    public static String currency(String code) {
        try {
            if (code != null && code.length() == 3 && code.equals(code.toUpperCase(java.util.Locale.ROOT))) {
                java.util.Currency.getInstance(code);
                return code;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw invalid("currency", "must be an ISO 4217 code such as USD or INR");
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw invalid(field, "is required: reports take a bounded range");
        }
    }

    /** A validation problem about one request field, shaped like the platform's other validation problems. */
    public static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                field + " " + message + ".", Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    /** Months {@code from} … {@code to}, both included. */
    public record MonthRange(YearMonth from, YearMonth to) {

        public int size() {
            return (int) ChronoUnit.MONTHS.between(from, to) + 1;
        }

        public List<YearMonth> months() {
            return java.util.stream.IntStream.range(0, size()).mapToObj(from::plusMonths).toList();
        }
    }

    /** Days {@code from} … {@code to}, both included. */
    public record DayRange(LocalDate from, LocalDate to) {
    }
}
