package com.aifinance.institutional.trading;

/** How a signal ended, by the triple-barrier rule. */
public enum Outcome {
    /** The target was reached before the stop. */
    TARGET_FIRST("target_first"),
    /** The stop was reached first, or both in the same bar (we cannot know the order inside a bar: count the loss). */
    STOP_FIRST("stop_first"),
    /** Neither within the horizon: closed at the horizon bar's close. */
    HORIZON("horizon");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Outcome of(String code) {
        for (Outcome outcome : values()) {
            if (outcome.code.equals(code)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome " + code);
    }
}
