package com.aifinance.institutional.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** The period one bar covers. */
public enum BarInterval {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    THIRTY_MINUTES("30m", Duration.ofMinutes(30)),
    ONE_DAY("1d", Duration.ofDays(1));

    private final String code;
    private final Duration duration;

    BarInterval(String code, Duration duration) {
        this.code = code;
        this.duration = duration;
    }

    public String code() {
        return code;
    }

    public Duration duration() {
        return duration;
    }

    /** The start of the bar period that contains {@code instant} (periods are aligned to the epoch, in UTC). */
    public Instant periodStart(Instant instant) {
        long seconds = duration.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    public static Optional<BarInterval> parse(String code) {
        return Arrays.stream(values()).filter(value -> value.code.equals(code)).findFirst();
    }

    public static BarInterval of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown bar interval " + code));
    }
}
