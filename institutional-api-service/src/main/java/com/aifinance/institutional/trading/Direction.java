package com.aifinance.institutional.trading;

/** Which way a signal bets. */
public enum Direction {
    LONG("long"), SHORT("short");

    private final String code;

    Direction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Direction of(String code) {
        for (Direction direction : values()) {
            if (direction.code.equals(code)) {
                return direction;
            }
        }
        throw new IllegalArgumentException("unknown direction " + code);
    }
}
